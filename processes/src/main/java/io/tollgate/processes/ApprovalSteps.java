package io.tollgate.processes;

/**
 * How a model tells Tollgate that a user task is one of its approvals: the extension property {@value #PROPERTY}
 * ({@code <camunda:property name="tollgate.approvalStep" value="reviewer"/>} inside {@code camunda:properties}) with
 * one of the values below. The engine refuses to deploy a model whose steps that reach outside systems can be reached
 * without the approval they need; it recognises an approval by this property (and the task's approval listeners),
 * never by its element id. See docs/adr/0011-model-guard.md.
 */
public final class ApprovalSteps {

    /** The name of the extension property on an approval user task. */
    public static final String PROPERTY = "tollgate.approvalStep";

    /** {@code sqlTicket}: the instance's reviewer group approves the ticket; execution needs it. */
    public static final String REVIEWER = "reviewer";
    /** {@code sqlTicket}: a DBA approves the ticket too, when the decision {@code sqlTicketApproval} says so. */
    public static final String DBA = "dba";
    /** {@code sqlTicket}: the reviewer group approves the submitter's rollback request. */
    public static final String ROLLBACK = "rollback";
    /** {@code serviceTreeChange}: an owner of the node approves the change; applying it needs it. */
    public static final String OWNER = "owner";
    /** {@code serviceTreeChange}: an SRE approves a critical change too. */
    public static final String SRE = "sre";

    private ApprovalSteps() {
    }
}
