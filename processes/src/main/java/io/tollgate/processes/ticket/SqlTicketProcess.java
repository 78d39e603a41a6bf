package io.tollgate.processes.ticket;

import static io.tollgate.processes.ProcessVariable.booleanVariable;
import static io.tollgate.processes.ProcessVariable.longVariable;
import static io.tollgate.processes.ProcessVariable.stringVariable;

import io.tollgate.processes.ProcessVariable;

/**
 * Everything that names a part of {@code processes/sqlTicket.bpmn} and of the decision it calls,
 * {@code processes/sqlTicketApproval.dmn}: keys, element ids, messages, errors, bean names and variables.
 * See docs/processes/sql-ticket.md.
 */
public final class SqlTicketProcess {

    /** The process definition key; a running instance's business key is the ticket id. */
    public static final String KEY = "sqlTicket";

    /** The classpath resource of the model. */
    public static final String RESOURCE = "processes/sqlTicket.bpmn";

    private SqlTicketProcess() {
    }

    /** The decision that says whether a DBA must approve too, after the instance's reviewer group. */
    public static final class ApprovalDecision {
        public static final String KEY = "sqlTicketApproval";
        public static final String RESOURCE = "processes/sqlTicketApproval.dmn";

        private ApprovalDecision() {
        }
    }

    /** Element ids. */
    public static final class Elements {
        public static final String START_EVENT_TICKET_SUBMITTED = "StartEvent_TicketSubmitted";
        /** Everything before execution; a withdrawal interrupts it, a rejection ends it. */
        public static final String SUB_PROCESS_BEFORE_EXECUTION = "SubProcess_BeforeExecution";
        public static final String START_EVENT_REVIEW_REQUESTED = "StartEvent_ReviewRequested";
        public static final String TASK_REVIEW_TICKET = "Task_ReviewTicket";
        public static final String BOUNDARY_EVENT_REVIEW_FAILED = "BoundaryEvent_ReviewFailed";
        public static final String TASK_FIX_TICKET = "Task_FixTicket";
        public static final String TASK_ROUTE_APPROVAL = "Task_RouteApproval";
        public static final String TASK_REVIEWER_APPROVAL = "Task_ReviewerApproval";
        public static final String GATEWAY_REVIEWER_APPROVED = "Gateway_ReviewerApproved";
        public static final String END_EVENT_REJECTED_BY_REVIEWER = "EndEvent_RejectedByReviewer";
        public static final String GATEWAY_DBA_APPROVAL_REQUIRED = "Gateway_DbaApprovalRequired";
        public static final String TASK_DBA_APPROVAL = "Task_DbaApproval";
        public static final String GATEWAY_DBA_APPROVED = "Gateway_DbaApproved";
        public static final String END_EVENT_REJECTED_BY_DBA = "EndEvent_RejectedByDba";
        public static final String GATEWAY_EXECUTION_MODE = "Gateway_ExecutionMode";
        public static final String TIMER_EVENT_SCHEDULED_TIME = "TimerEvent_ScheduledTime";
        public static final String TASK_CONFIRM_EXECUTION = "Task_ConfirmExecution";
        public static final String END_EVENT_READY_TO_EXECUTE = "EndEvent_ReadyToExecute";
        public static final String BOUNDARY_EVENT_WITHDRAWN = "BoundaryEvent_Withdrawn";
        public static final String TASK_RECORD_WITHDRAWAL = "Task_RecordWithdrawal";
        public static final String END_EVENT_WITHDRAWN = "EndEvent_Withdrawn";
        public static final String BOUNDARY_EVENT_REJECTED = "BoundaryEvent_Rejected";
        public static final String END_EVENT_REJECTED = "EndEvent_Rejected";
        public static final String TASK_EXECUTE_TICKET = "Task_ExecuteTicket";
        public static final String BOUNDARY_EVENT_EXECUTION_FAILED = "BoundaryEvent_ExecutionFailed";
        public static final String TASK_RESOLVE_FAILURE = "Task_ResolveFailure";
        public static final String GATEWAY_FAILURE_RESOLUTION = "Gateway_FailureResolution";
        public static final String TASK_CLOSE_TICKET = "Task_CloseTicket";
        public static final String END_EVENT_CLOSED_AS_FAILED = "EndEvent_ClosedAsFailed";
        public static final String GATEWAY_AFTER_EXECUTION = "Gateway_AfterExecution";
        public static final String MESSAGE_EVENT_ROLLBACK_REQUESTED = "MessageEvent_RollbackRequested";
        public static final String TIMER_EVENT_ROLLBACK_WINDOW_CLOSED = "TimerEvent_RollbackWindowClosed";
        public static final String END_EVENT_EXECUTED = "EndEvent_Executed";
        public static final String TASK_ROLLBACK_APPROVAL = "Task_RollbackApproval";
        public static final String GATEWAY_ROLLBACK_APPROVED = "Gateway_RollbackApproved";
        public static final String TASK_ROLL_BACK_TICKET = "Task_RollBackTicket";
        public static final String BOUNDARY_EVENT_ROLLBACK_FAILED = "BoundaryEvent_RollbackFailed";
        public static final String TASK_RESOLVE_ROLLBACK_FAILURE = "Task_ResolveRollbackFailure";
        public static final String GATEWAY_ROLLBACK_FAILURE_RESOLUTION = "Gateway_RollbackFailureResolution";
        public static final String END_EVENT_ROLLED_BACK = "EndEvent_RolledBack";

        private Elements() {
        }
    }

    /** Message names (what {@code correlateMessage} takes). */
    public static final class Messages {
        /** The submitter withdraws the ticket; possible until it is about to execute. */
        public static final String WITHDRAW_TICKET = "sqlTicket.withdraw";
        /** The submitter asks to roll back an executed ticket; possible until the rollback window closes. */
        public static final String REQUEST_ROLLBACK = "sqlTicket.requestRollback";

        private Messages() {
        }
    }

    /** BPMN error codes. */
    public static final class Errors {
        /** The auto review found errors; the submitter fixes the SQL or withdraws. Thrown by the review. */
        public static final String REVIEW_FAILED = "SqlTicketReviewFailed";
        /** A reviewer or DBA rejected the ticket (error end events inside the before-execution sub-process). */
        public static final String REJECTED = "SqlTicketRejected";
        /** A statement failed, is in flight, or the target refused; a DBA decides. Thrown by the execution. */
        public static final String EXECUTION_FAILED = "SqlTicketExecutionFailed";
        /** The rollback stopped; a DBA decides. Thrown by the rollback. */
        public static final String ROLLBACK_FAILED = "SqlTicketRollbackFailed";

        private Errors() {
        }
    }

    /** Bean names of the delegates and listeners the model references by expression. */
    public static final class Beans {
        /** Reviews the ticket's SQL against its instance; records findings and risk; throws REVIEW_FAILED. */
        public static final String REVIEW_TICKET = "reviewTicketDelegate";
        /** Executes the remaining statements exactly once; records results; throws EXECUTION_FAILED. */
        public static final String EXECUTE_TICKET = "executeTicketDelegate";
        /** Rolls back what ran, in reverse order; records results; throws ROLLBACK_FAILED. */
        public static final String ROLL_BACK_TICKET = "rollBackTicketDelegate";
        /** Records a withdrawal and tells the people involved. */
        public static final String RECORD_WITHDRAWAL = "recordTicketWithdrawalDelegate";
        /** Records that a DBA closed a failed ticket. */
        public static final String CLOSE_TICKET = "closeTicketDelegate";
        /**
         * End listener of {@link Elements#TASK_ROUTE_APPROVAL}: raises {@link Variables#DBA_APPROVAL_REQUIRED} where the
         * review recorded a DBA the decision did not ask for (Tollgate's floor).
         */
        public static final String APPLY_RECORDED_ROUTING = "applyRecordedRoutingListener";
        /** End listener of the rollback window's timer: refuses to close the window before its recorded time. */
        public static final String KEEP_ROLLBACK_WINDOW = "keepRollbackWindowListener";
        /** Create listener of every approval task: clears the previous decision; records who it waits for. */
        public static final String OFFER_APPROVAL = "offerApprovalListener";
        /** Complete listener of every approval task: four eyes, decision and comment required, audit record. */
        public static final String RECORD_APPROVAL = "recordApprovalListener";
        /** Complete listener of both DBA resolution tasks: requires a valid resolution and records it. */
        public static final String RECORD_RESOLUTION = "recordResolutionListener";

        private Beans() {
        }
    }

    /** What {@link Variables#EXECUTION_MODE} holds. */
    public static final class ExecutionModes {
        /** Execute as soon as the last approval is given. */
        public static final String AFTER_APPROVAL = "AFTER_APPROVAL";
        /** Execute at {@link Variables#SCHEDULED_AT} (or at once if that has passed when approved). */
        public static final String SCHEDULED = "SCHEDULED";
        /** Execute when the submitter completes {@link Elements#TASK_CONFIRM_EXECUTION}. */
        public static final String MANUAL = "MANUAL";

        private ExecutionModes() {
        }
    }

    /** What the DBA resolution tasks are completed with in {@link Variables#RESOLUTION}. */
    public static final class Resolutions {
        /** Run the statements that did not complete (failure task) or the rollback again (rollback failure task). */
        public static final String RETRY = "retry";
        /** Roll back the statements that completed (failure task only). */
        public static final String ROLL_BACK = "rollBack";
        /** Close the ticket as failed; the DBA takes it from here. */
        public static final String CLOSE = "close";
        /**
         * Rollback failure task only, after conflicts: roll back the rows nobody changed since, leave the
         * conflicting rows as they are now.
         */
        public static final String ROLL_BACK_WITHOUT_CONFLICTS = "rollBackWithoutConflicts";
        /** Rollback failure task only, after conflicts: overwrite the newer values too (needs a comment). */
        public static final String FORCE_ROLLBACK = "forceRollback";

        private Resolutions() {
        }
    }

    /** Process variables. Never the SQL itself nor any password: the ticket's row holds the SQL. */
    public static final class Variables {
        /** The submitting user's name; assignee of the fix and confirm-execution tasks. Set at start. */
        public static final ProcessVariable<String> SUBMITTER = stringVariable("submitter");
        /**
         * The reviewer the submitter asked for, if any: the reviewer approval is assigned to them when it is created,
         * if the approval policy lets them take it then (else it stays offered to {@code reviewerGroup}). Set at start.
         */
        public static final ProcessVariable<String> REQUESTED_REVIEWER = stringVariable("requestedReviewer");
        /**
         * The instance's environment: DEV, TEST or PROD. A decision input: set by the review, transient (the model's
         * business rule task reads it in the review's command; it is not stored).
         */
        public static final ProcessVariable<String> ENVIRONMENT = stringVariable("environment");
        /** The group that approves tickets for the instance. Set at start. */
        public static final ProcessVariable<String> REVIEWER_GROUP = stringVariable("reviewerGroup");
        /** One of {@link ExecutionModes}. Set at start. */
        public static final ProcessVariable<String> EXECUTION_MODE = stringVariable("executionMode");
        /** When a SCHEDULED ticket executes, ISO-8601 with offset (e.g. 2026-11-25T18:00:00Z). Set at start. */
        public static final ProcessVariable<String> SCHEDULED_AT = stringVariable("scheduledAt");
        /**
         * Until when the submitter may request a rollback: execution time plus {@code tollgate.tickets.rollback-window},
         * ISO-8601 instant. Set by a successful execution, so a rejected rollback request does not restart the window.
         */
        public static final ProcessVariable<String> ROLLBACK_UNTIL = stringVariable("rollbackUntil");
        /** The review's risk: LOW, MODERATE or HIGH. A decision input: set by the review, transient. */
        public static final ProcessVariable<String> RISK_LEVEL = stringVariable("riskLevel");
        /** Whether the script has DDL. A decision input: set by the review, transient. */
        public static final ProcessVariable<Boolean> HAS_DDL = booleanVariable("hasDdl");
        /** The estimated number of rows the DML touches in all. A decision input: set by the review, transient. */
        public static final ProcessVariable<Long> ESTIMATED_ROWS = longVariable("estimatedRows");
        /** Whether a DBA must approve after the reviewer group. The decision's output. */
        public static final ProcessVariable<Boolean> DBA_APPROVAL_REQUIRED = booleanVariable("dbaApprovalRequired");
        /** An approval task's decision. Set when an approval task is completed. */
        public static final ProcessVariable<Boolean> APPROVED = booleanVariable("approved");
        /** The decider's comment; required to reject. Set when an approval or resolution task is completed. */
        public static final ProcessVariable<String> COMMENT = stringVariable("comment");
        /** One of {@link Resolutions}. Set when a DBA resolution task is completed. */
        public static final ProcessVariable<String> RESOLUTION = stringVariable("resolution");
        /** Why the last execution or rollback stopped, for the DBA. Set by a failed execution or rollback. */
        public static final ProcessVariable<String> FAILURE = stringVariable("failure");

        private Variables() {
        }
    }
}
