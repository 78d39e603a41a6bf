package io.tollgate.engine.permission;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import io.tollgate.engine.account.Role;

/**
 * What a person may do in Tollgate, and the roles that may. The one matrix: use cases, {@code /api/v1} and the UI's
 * areas read it; {@code docs/architecture.md} shows it as a table (a test keeps the two in step).
 */
public enum Permission {
    /** Submit a SQL ticket, and act on one's own: resubmit, withdraw, press Execute, ask for a rollback. */
    SUBMIT_TICKET("submit tickets", Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.ADMIN),
    /** List tickets and read their SQL, findings, results and trail. */
    READ_TICKETS("read tickets and their SQL", Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.AUDITOR, Role.ADMIN),
    /** Add to a ticket's discussion: those who read tickets and act on them; an auditor reads it and writes nothing. */
    COMMENT_ON_TICKETS("comment on tickets", Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.ADMIN),
    /** Read the row values a ticket's rollback SQL holds (before-images); a ticket's submitter reads their own. */
    READ_BEFORE_IMAGES("read before-images (rollback SQL)", Role.REVIEWER, Role.DBA, Role.AUDITOR, Role.ADMIN),
    /** Approve or reject tickets (the approval policy narrows it to the instance's reviewer group, or DBAs). */
    APPROVE_TICKETS("approve tickets", Role.REVIEWER, Role.DBA),
    /** Decide after a failed execution or rollback: retry, roll back, close; retry a ticket's stuck step (ADR 0052). */
    RESOLVE_FAILURES("resolve failed executions and retry stuck tickets", Role.DBA),
    /** Abort a running online schema change. */
    ABORT_EXECUTION("abort, pause or resume a running execution", Role.DBA, Role.ADMIN),
    /** Register, change and test target instances. */
    MANAGE_INSTANCES("manage instances", Role.DBA, Role.ADMIN),
    /** Review SQL without a ticket (self-check, {@code /api/v1/review}). */
    SELF_CHECK("self-check SQL", Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.ADMIN),
    /** Browse the service tree and request changes to it. */
    REQUEST_TREE_CHANGES("request service-tree changes", Role.ENGINEER, Role.SRE, Role.ADMIN),
    /** Read the service tree and its changes' audits. */
    AUDIT_TREE("read the service tree and its audits", Role.ENGINEER, Role.SRE, Role.AUDITOR, Role.ADMIN),
    /**
     * Approve or reject service-tree changes: anyone who may be named a node's owner, never an auditor (the approval
     * policy narrows it to the change's owners, or SREs). An auditor named an owner still decides nothing (issue 14).
     */
    DECIDE_TREE_CHANGES("approve service-tree changes", Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.SRE,
            Role.PROCESS_OWNER, Role.ADMIN),
    /** Give a service-tree change's stuck step (one out of retries, ADR 0052) another try. */
    RETRY_TREE_STEPS("retry a service-tree change's stuck step", Role.SRE),
    /** Deploy BPMN/DMN models (Camunda Modeler → {@code /engine-rest/deployment/create}). */
    DEPLOY_MODELS("deploy models", Role.PROCESS_OWNER, Role.ADMIN),
    /** Read the whole history (Tollgate's and Cockpit's). */
    READ_HISTORY("read history", Role.AUDITOR, Role.PROCESS_OWNER, Role.ADMIN),
    /** Read the statistics of tickets and service-tree changes (the Statistics page, {@code /api/v1/statistics}). */
    READ_STATISTICS("read statistics", Role.DBA, Role.PROCESS_OWNER, Role.AUDITOR, Role.ADMIN),
    /** Manage accounts, roles, review rules, mail and the outbox. */
    MANAGE_ACCOUNTS("manage accounts and settings", Role.ADMIN);

    private final String label;
    private final Set<Role> roles;

    Permission(String label, Role first, Role... rest) {
        this.label = label;
        this.roles = EnumSet.of(first, rest);
    }

    /** What it allows, in a few words (for refusals and the docs' table). */
    public String label() {
        return label;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean allows(Collection<Role> held) {
        return held.stream().anyMatch(roles::contains);
    }
}
