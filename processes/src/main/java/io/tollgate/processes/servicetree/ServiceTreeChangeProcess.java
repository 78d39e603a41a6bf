package io.tollgate.processes.servicetree;

import static io.tollgate.processes.ProcessVariable.booleanVariable;
import static io.tollgate.processes.ProcessVariable.stringVariable;

import io.tollgate.processes.ProcessVariable;

/**
 * Everything that names a part of {@code processes/serviceTreeChange.bpmn}: its key, element ids, messages, errors,
 * delegate and listener bean names, and variables. See docs/processes/service-tree-change.md.
 */
public final class ServiceTreeChangeProcess {

    /** The process definition key; a running instance's business key is the change id. */
    public static final String KEY = "serviceTreeChange";

    /** The classpath resource of the model. */
    public static final String RESOURCE = "processes/serviceTreeChange.bpmn";

    private ServiceTreeChangeProcess() {
    }

    /** Element ids. */
    public static final class Elements {
        public static final String START_EVENT_CHANGE_REQUESTED = "StartEvent_ChangeRequested";
        public static final String TASK_VALIDATE_CHANGE = "Task_ValidateChange";
        public static final String BOUNDARY_EVENT_CHANGE_INVALID = "BoundaryEvent_ChangeInvalid";
        public static final String END_EVENT_REFUSED_INVALID = "EndEvent_RefusedInvalid";
        public static final String SUB_PROCESS_APPROVAL = "SubProcess_Approval";
        public static final String TASK_OWNER_APPROVAL = "Task_OwnerApproval";
        public static final String GATEWAY_OWNER_APPROVED = "Gateway_OwnerApproved";
        public static final String GATEWAY_CRITICAL = "Gateway_Critical";
        public static final String TASK_SRE_APPROVAL = "Task_SreApproval";
        public static final String BOUNDARY_EVENT_REMIND_APPROVERS = "BoundaryEvent_RemindApprovers";
        public static final String TASK_REMIND_APPROVERS = "Task_RemindApprovers";
        public static final String BOUNDARY_EVENT_APPROVAL_EXPIRED = "BoundaryEvent_ApprovalExpired";
        public static final String TASK_RECORD_EXPIRY = "Task_RecordExpiry";
        public static final String END_EVENT_EXPIRED = "EndEvent_Expired";
        public static final String BOUNDARY_EVENT_WITHDRAWN_DURING_APPROVAL = "BoundaryEvent_WithdrawnDuringApproval";
        public static final String GATEWAY_APPROVED = "Gateway_Approved";
        public static final String END_EVENT_REJECTED = "EndEvent_Rejected";
        public static final String TASK_APPLY_CHANGE = "Task_ApplyChange";
        public static final String BOUNDARY_EVENT_APPLY_CONFLICT = "BoundaryEvent_ApplyConflict";
        public static final String TASK_RESOLVE_CONFLICT = "Task_ResolveConflict";
        public static final String BOUNDARY_EVENT_WITHDRAWN_DURING_CONFLICT = "BoundaryEvent_WithdrawnDuringConflict";
        public static final String GATEWAY_RESOLUTION = "Gateway_Resolution";
        public static final String TASK_RECORD_WITHDRAWAL = "Task_RecordWithdrawal";
        public static final String END_EVENT_WITHDRAWN = "EndEvent_Withdrawn";
        public static final String TASK_VERIFY_CHANGE = "Task_VerifyChange";
        public static final String END_EVENT_APPLIED = "EndEvent_Applied";

        private Elements() {
        }
    }

    /** Message names (what {@code correlateMessage} takes). */
    public static final class Messages {
        /** The requester withdraws the change; possible while approvals or a conflict resolution are pending. */
        public static final String WITHDRAW_CHANGE = "serviceTreeChange.withdraw";

        private Messages() {
        }
    }

    /** BPMN error codes thrown by the delegates. */
    public static final class Errors {
        /** The change breaks a rule of the tree; the change's row records which. */
        public static final String CHANGE_INVALID = "ServiceTreeChangeInvalid";
        /** The tree changed since the validation; {@link Variables#CONFLICT} says what. */
        public static final String APPLY_CONFLICT = "ServiceTreeApplyConflict";

        private Errors() {
        }
    }

    /** Bean names of the delegates and listeners the model references by expression. */
    public static final class Beans {
        public static final String VALIDATE_CHANGE = "validateChangeDelegate";
        public static final String APPLY_CHANGE = "applyChangeDelegate";
        public static final String VERIFY_CHANGE = "verifyChangeDelegate";
        public static final String REMIND_APPROVERS = "remindApproversDelegate";
        public static final String RECORD_EXPIRY = "recordExpiryDelegate";
        public static final String RECORD_WITHDRAWAL = "recordWithdrawalDelegate";
        /**
         * Task create listener of both approvals: clears the previous decision, so each approval must be decided
         * explicitly; offers the owner approval to the plan's approvers (never the requester).
         */
        public static final String OFFER_TO_APPROVERS = "offerToApproversListener";
        /** Task complete listener: four eyes (the requester cannot decide) and the decision's audit record. */
        public static final String RECORD_DECISION = "recordDecisionListener";

        private Beans() {
        }
    }

    /** What a conflict resolution task is completed with in {@link Variables#RESOLUTION}. */
    public static final class Resolutions {
        public static final String REVALIDATE = "revalidate";
        public static final String WITHDRAW = "withdraw";

        private Resolutions() {
        }
    }

    /**
     * Process variables: routing only, each small and bounded. What a change is, its validated plan, its approvers and
     * its violations live in Tollgate's {@code service_tree_change} row, never here: a plan can be megabytes (a move
     * of a subtree with a thousand nodes, an IDC with two thousand servers), and a Camunda String variable holds 4,000
     * characters.
     */
    public static final class Variables {
        /** The change's id (also the business key and the apply's idempotency key). Set at start. */
        public static final ProcessVariable<String> CHANGE_ID = stringVariable("changeId");
        /** The requesting user's name. Set at start. */
        public static final ProcessVariable<String> REQUESTER = stringVariable("requester");
        /** What the change is, for lists such as the tasklist: its kind and the start of its reason. Set at start. */
        public static final ProcessVariable<String> SUBJECT = stringVariable("subject", 200);
        /** How long approvals may wait before the approvers are reminded (ISO-8601, e.g. PT24H). Set at start. */
        public static final ProcessVariable<String> REMIND_AFTER = stringVariable("remindAfter");
        /** How long approvals may wait before the change expires (ISO-8601, e.g. P7D). Set at start. */
        public static final ProcessVariable<String> EXPIRE_AFTER = stringVariable("expireAfter");
        /** Whether an SRE must approve too. Set by validation. */
        public static final ProcessVariable<Boolean> CRITICAL = booleanVariable("critical");
        /** An approval task's decision; the last one decides. Set when an approval task is completed. */
        public static final ProcessVariable<Boolean> APPROVED = booleanVariable("approved");
        /** The decider's comment (its first 2,000 characters, as the audit keeps). Set when an approval task is completed. */
        public static final ProcessVariable<String> COMMENT = stringVariable("comment", 2000);
        /** What the apply found changed (its first 1,000 characters). Set by a conflicting apply. */
        public static final ProcessVariable<String> CONFLICT = stringVariable("conflict", 1000);
        /** {@link Resolutions#REVALIDATE} or {@link Resolutions#WITHDRAW}. Set when the conflict task is completed. */
        public static final ProcessVariable<String> RESOLUTION = stringVariable("resolution");

        private Variables() {
        }
    }
}
