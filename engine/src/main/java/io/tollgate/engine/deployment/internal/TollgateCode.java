package io.tollgate.engine.deployment.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tollgate.processes.ApprovalSteps;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;

/**
 * What the model guard knows of Tollgate's code that models reach: every delegate and listener bean the constants
 * holders name, whether it reaches an outside system (then it must run in its own job, with a retry cycle), which
 * approval it needs before it runs, and the approval steps with the listeners that make a user task one.
 */
final class TollgateCode {

    /** The keys of Tollgate's own processes: the strict rules apply to them whatever they contain. */
    static final Set<String> PROCESS_KEYS = Set.of(SqlTicketProcess.KEY, ServiceTreeChangeProcess.KEY);

    /** An approval step ({@link ApprovalSteps}) and the task listeners an approval user task of that step carries. */
    enum Step {
        REVIEWER(ApprovalSteps.REVIEWER, SqlTicketProcess.Beans.OFFER_APPROVAL, SqlTicketProcess.Beans.RECORD_APPROVAL,
                SqlTicketProcess.KEY, SqlTicketProcess.Elements.TASK_REVIEWER_APPROVAL),
        DBA(ApprovalSteps.DBA, SqlTicketProcess.Beans.OFFER_APPROVAL, SqlTicketProcess.Beans.RECORD_APPROVAL,
                SqlTicketProcess.KEY, SqlTicketProcess.Elements.TASK_DBA_APPROVAL),
        ROLLBACK(ApprovalSteps.ROLLBACK, SqlTicketProcess.Beans.OFFER_APPROVAL, SqlTicketProcess.Beans.RECORD_APPROVAL,
                SqlTicketProcess.KEY, SqlTicketProcess.Elements.TASK_ROLLBACK_APPROVAL),
        OWNER(ApprovalSteps.OWNER, ServiceTreeChangeProcess.Beans.OFFER_TO_APPROVERS,
                ServiceTreeChangeProcess.Beans.RECORD_DECISION, ServiceTreeChangeProcess.KEY,
                ServiceTreeChangeProcess.Elements.TASK_OWNER_APPROVAL),
        SRE(ApprovalSteps.SRE, ServiceTreeChangeProcess.Beans.OFFER_TO_APPROVERS,
                ServiceTreeChangeProcess.Beans.RECORD_DECISION, ServiceTreeChangeProcess.KEY,
                ServiceTreeChangeProcess.Elements.TASK_SRE_APPROVAL);

        private static final Map<String, Step> BY_VALUE = Arrays.stream(values())
                .collect(Collectors.toMap(step -> step.value, Function.identity()));

        final String value;
        /** The bean of the task's create listener. */
        final String createListener;
        /** The bean of the task's complete listener. */
        final String completeListener;

        /** The process whose step it is, and the id its approval task has there (what Tollgate's screens know). */
        final String processKey;
        final String taskId;

        Step(String value, String createListener, String completeListener, String processKey, String taskId) {
            this.value = value;
            this.createListener = createListener;
            this.completeListener = completeListener;
            this.processKey = processKey;
            this.taskId = taskId;
        }

        static Optional<Step> of(String value) {
            return Optional.ofNullable(BY_VALUE.get(value));
        }

        int bit() {
            return 1 << ordinal();
        }

        static int bits(Set<Step> steps) {
            return steps.stream().mapToInt(Step::bit).reduce(0, (a, b) -> a | b);
        }
    }

    /**
     * A bean the models reach by {@code ${name}}.
     *
     * @param name           its bean name
     * @param reachesOutside it talks to an outside system (a target database, ZooKeeper): it may only be a service
     *                       task's delegate, that task asynchronous before with a retry cycle
     * @param needs          before it runs, the path from a start event must have passed an approval of one of these
     *                       steps (empty: none needed)
     */
    record Bean(String name, boolean reachesOutside, Set<Step> needs) {
    }

    /**
     * Every bean of {@link SqlTicketProcess.Beans} and {@link ServiceTreeChangeProcess.Beans}, decided one by one from
     * its javadoc and class. Not "outside" although they read one: {@code validateChangeDelegate} reads the tree in
     * the requester's own transaction on purpose (the request answers at once with the violations; ZooKeeper down
     * fails the request, nothing is started), and {@code verifyChangeDelegate} reads it back in the apply's job, after
     * the apply (a failure retries both). Mails go through the outbox in the step's transaction, so reminding is not
     * outside either.
     */
    static final Map<String, Bean> BEANS = Stream.of(
            // SQL tickets
            new Bean(SqlTicketProcess.Beans.REVIEW_TICKET, true, Set.of()),
            new Bean(SqlTicketProcess.Beans.EXECUTE_TICKET, true, EnumSet.of(Step.REVIEWER)),
            new Bean(SqlTicketProcess.Beans.ROLL_BACK_TICKET, true, EnumSet.of(Step.REVIEWER, Step.ROLLBACK)),
            new Bean(SqlTicketProcess.Beans.RECORD_WITHDRAWAL, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.CLOSE_TICKET, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.OFFER_APPROVAL, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.RECORD_APPROVAL, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.RECORD_RESOLUTION, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.APPLY_RECORDED_ROUTING, false, Set.of()),
            new Bean(SqlTicketProcess.Beans.KEEP_ROLLBACK_WINDOW, false, Set.of()),
            // service-tree changes
            new Bean(ServiceTreeChangeProcess.Beans.VALIDATE_CHANGE, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.APPLY_CHANGE, true, EnumSet.of(Step.OWNER)),
            new Bean(ServiceTreeChangeProcess.Beans.VERIFY_CHANGE, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.REMIND_APPROVERS, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.RECORD_EXPIRY, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.RECORD_WITHDRAWAL, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.OFFER_TO_APPROVERS, false, Set.of()),
            new Bean(ServiceTreeChangeProcess.Beans.RECORD_DECISION, false, Set.of()))
            .collect(Collectors.toUnmodifiableMap(Bean::name, Function.identity()));

    private TollgateCode() {
    }

    static String expressionOf(String bean) {
        return "${" + bean + "}";
    }
}
