/**
 * A change's approvals: the approval subject and the gate built from the change's row ({@code ChangeApprovals}, asked
 * by the use case, the listeners and the apply), the owner approval task's listeners, and the reminder and expiry of
 * approvals that wait too long.
 */
package io.tollgate.engine.servicetree.internal.approval;
