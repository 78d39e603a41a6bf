package io.tollgate.engine.ticket.internal.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalRefusedException.Reason;
import io.tollgate.engine.approval.ApprovalSubject;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.approval.RequiredApproval;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.processes.ApprovalSteps;
import org.springframework.stereotype.Component;

/**
 * A ticket's approvals as the {@link ApprovalPolicy} sees them, built from the ticket's row only (who submitted, the
 * SQL, what its review routed), never from process variables; and the gate before its statements run or are rolled
 * back.
 */
@Component
public class TicketApprovals {

    public static final String REVIEWER = ApprovalSteps.REVIEWER;
    static final String DBA = ApprovalSteps.DBA;
    public static final String ROLLBACK = ApprovalSteps.ROLLBACK;
    private static final Set<String> STEPS = Set.of(REVIEWER, DBA, ROLLBACK);
    public static final String RESOLUTION = "resolution";
    static final String RESOLUTION_KIND = "TICKET_RESOLUTION";

    /** The refusal's words on the ticket, in its trail and in the DBAs' mail. */
    public static final String REFUSED = "not run: the gate refused it";
    /** The same for a scheduled ticket before its time. */
    public static final String TOO_EARLY = "not run: before its scheduled time";

    /** Where a ticket may be when its statements run: approved and queued, scheduled, or being retried. */
    private static final Set<TicketStatus> EXECUTABLE = EnumSet.of(TicketStatus.EXECUTING, TicketStatus.SCHEDULED,
            TicketStatus.EXECUTION_FAILED);
    private static final Set<TicketStatus> ROLLBACKABLE = EnumSet.of(TicketStatus.ROLLING_BACK,
            TicketStatus.ROLLBACK_FAILED);

    private final ApprovalPolicy policy;
    private final TicketEventRepository events;

    TicketApprovals(ApprovalPolicy policy, TicketEventRepository events) {
        this.policy = policy;
        this.events = events;
    }

    /** The ticket's approval step a task gives (its model's {@code tollgate.approvalStep}), or a refusal. */
    public static String requireStep(java.util.Optional<String> step, String taskName, String ticketId) {
        return ApprovalTasks.requireStep(step, STEPS, taskName, "ticket " + ticketId);
    }

    /** The approvals the ticket's current review round needs: its reviewer group's, and a DBA's if routed so. */
    ApprovalSubject subject(TicketEntry ticket) {
        return subject(TicketRound.of(ticket));
    }

    private static ApprovalSubject subject(TicketRound ticket) {
        List<RequiredApproval> required = new ArrayList<>();
        if (ticket.reviewerGroup() != null) {
            required.add(RequiredApproval.ofGroups(REVIEWER, ticket.reviewerGroup()));
        }
        if (!Boolean.FALSE.equals(ticket.dbaApprovalRequired())) {
            // undecided routing asks for the stricter path
            required.add(RequiredApproval.ofGroups(DBA, Role.DBA.groupId()));
        }
        return new ApprovalSubject(ApprovalSubject.TICKET, ticket.ticketId(), ticket.round(), ticket.submitter(),
                ticket.contentHash(), required);
    }

    /** A rollback of what the ticket ran: approved by its reviewer group, or decided by a DBA after a failure. */
    public ApprovalSubject rollbackSubject(TicketEntry ticket) {
        return rollbackSubject(TicketRound.of(ticket));
    }

    private static ApprovalSubject rollbackSubject(TicketRound ticket) {
        List<String> groups = new ArrayList<>(List.of(Role.DBA.groupId()));
        if (ticket.reviewerGroup() != null) {
            groups.add(ticket.reviewerGroup());
        }
        return new ApprovalSubject(ApprovalSubject.TICKET_ROLLBACK, ticket.ticketId(), ticket.round(),
                ticket.submitter(), ticket.contentHash(),
                List.of(RequiredApproval.ofGroups(ROLLBACK, groups.toArray(String[]::new))));
    }

    /**
     * A DBA's decision after a failure (retry, close, the rollback's conflicts); rolling back is a
     * {@link #rollbackSubject} decision. Forcing a rollback ({@code overwrites}) overwrites what others changed since,
     * so it has four eyes: never the submitter's own (a helper's finding: a DBA forced their own ticket's rollback over
     * another's approved change). The others run what someone else approved, and any DBA takes them.
     */
    public ApprovalSubject resolutionSubject(TicketEntry ticket, boolean overwrites) {
        return new ApprovalSubject(RESOLUTION_KIND, ticket.ticketId(), ticket.reviewRound(),
                overwrites ? ticket.submitter() : null, ticket.sqlHash(),
                List.of(RequiredApproval.ofGroups(RESOLUTION, Role.DBA.groupId())));
    }

    /**
     * What a decision of {@code step} is about. A rollback is decided only while its submitter's request is recorded
     * (ROLLBACK_REQUESTED, which only {@code Tickets.requestRollback} records): a rollback approval a process reached
     * otherwise (its message correlated in Cockpit, a restart) is nobody's request, and no decision on it counts.
     */
    public ApprovalSubject subjectFor(TicketEntry ticket, String step) {
        return subjectFor(TicketRound.of(ticket), step);
    }

    /** {@link #subjectFor(TicketEntry, String)} from the ticket's approval columns (for an offer: the tasklist). */
    public static ApprovalSubject subjectFor(TicketRound ticket, String step) {
        if (ROLLBACK.equals(step) && ticket.status() != TicketStatus.ROLLBACK_REQUESTED) {
            throw new ApprovalRefusedException(Reason.NOT_APPROVED, "no rollback of ticket " + ticket.ticketId()
                    + " is requested: it is " + label(ticket.status()) + ", and a rollback is decided only after its"
                    + " submitter asked for it in Tollgate");
        }
        return ROLLBACK.equals(step) ? rollbackSubject(ticket) : subject(ticket);
    }

    /**
     * Refuses unless the ticket's SQL is what its review passed, every approval that review required is recorded, and,
     * for a scheduled ticket, its recorded time has come at {@code now}: what was approved is a change at that time,
     * whatever moved the process there earlier (a timer executed or made due in Cockpit, a modified instance, a
     * rewritten {@code scheduledAt} or {@code executionMode} variable, a model without the timer).
     */
    public void requireExecutable(TicketEntry ticket, Instant now, Optional<TargetInstances.Registered> instance) {
        requireReviewedSql(ticket);
        requireReviewedTarget(ticket, instance);
        policy.requireApproved(subject(ticket));
        if (!EXECUTABLE.contains(ticket.status())) {
            throw refused(ticket, "it is " + label(ticket.status()) + ", not approved for execution");
        }
        if (ticket.mode() == ExecutionMode.MANUAL && !executionRequested(ticket)) {
            throw refused(ticket, "its submitter has not asked for its execution (a ticket they run themselves runs"
                    + " when they press Execute, after its approvals)");
        }
        if (ticket.mode() == ExecutionMode.SCHEDULED) {
            if (ticket.scheduledAt() == null) {
                throw refused(ticket, "it is scheduled, but no time is recorded for it");
            }
            // the timer's due date keeps milliseconds: a timer that fires at its time is never refused
            if (now.isBefore(ticket.scheduledAt().truncatedTo(ChronoUnit.MILLIS))) {
                throw new ApprovalRefusedException(Reason.NOT_YET, "ticket " + ticket.ticketId() + ": it is"
                        + " scheduled for " + ticket.scheduledAt() + " and may not run before then");
            }
        }
    }

    /**
     * Whether the submitter asked for the execution in Tollgate since its review passed last (the trail's
     * EXECUTION_REQUESTED, which only their Execute writes): what a MANUAL ticket runs on, whatever moved its process.
     */
    private boolean executionRequested(TicketEntry ticket) {
        boolean requested = false;
        for (TicketEventEntry entry : events.findByTicketIdOrderByIdAsc(ticket.ticketId())) {
            TicketEvent event = entry.toEvent();
            if (event.type() == TicketEvent.Type.REVIEW_PASSED) {
                requested = false;
            } else if (event.type() == TicketEvent.Type.EXECUTION_REQUESTED
                    && ticket.submitter().equals(event.actor())) {
                requested = true;
            }
        }
        return requested;
    }

    /** Refuses unless a rollback of the ticket was approved (or decided by a DBA) and recorded. */
    public void requireRollbackAuthorised(TicketEntry ticket, Optional<TargetInstances.Registered> instance) {
        requireReviewedSql(ticket);
        requireReviewedTarget(ticket, instance);
        policy.requireApproved(rollbackSubject(ticket));
        if (!ROLLBACKABLE.contains(ticket.status())) {
            throw refused(ticket, "it is " + label(ticket.status()) + ", not approved for a rollback");
        }
    }

    /**
     * The instance a ticket is reviewed for, as the gate compares it: its name, where it points, its environment and
     * its registration (another registration under the same name is another instance).
     */
    public static String target(TargetInstances.Registered instance) {
        InstanceView view = instance.view();
        return view.name() + " at " + view.host() + ":" + view.port() + " (" + view.environment() + "), registration "
                + view.id();
    }

    /**
     * Refuses unless the ticket's instance is still the one its passed review was for: a DBA may re-point, rename or
     * re-class an instance, and an approval for a DEV server is none for the production server it points at now (ADR
     * 0056). An instance no longer registered is the executor's refusal.
     */
    public static void requireReviewedTarget(TicketEntry ticket, Optional<TargetInstances.Registered> instance) {
        if (instance.isEmpty()) {
            return;
        }
        String now = target(instance.get());
        if (!now.equals(ticket.reviewedTarget())) {
            throw refused(ticket, "it was reviewed and approved for instance " + (ticket.reviewedTarget() == null
                    ? ticket.instance() + " (where it pointed is not recorded)" : ticket.reviewedTarget())
                    + ", and the instance is now " + now);
        }
    }

    private static void requireReviewedSql(TicketEntry ticket) {
        if (ticket.reviewedSqlHash() == null || ticket.reviewerGroup() == null) {
            throw refused(ticket, "no passed review of its SQL is recorded");
        }
        if (!ticket.reviewedSqlHash().equals(ApprovalPolicy.hash(ticket.sql()))) {
            throw refused(ticket, "its SQL is not the SQL that passed review");
        }
    }

    /** A refusal of the gate as the ticket, its trail and the DBAs' mail say it. */
    public static String failure(ApprovalRefusedException refused) {
        return (refused.reason() == Reason.NOT_YET ? TOO_EARLY : REFUSED) + ": " + refused.getMessage();
    }

    private static ApprovalRefusedException refused(TicketEntry ticket, String why) {
        return new ApprovalRefusedException(Reason.NOT_APPROVED, "ticket " + ticket.ticketId() + ": " + why);
    }

    private static String label(TicketStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
