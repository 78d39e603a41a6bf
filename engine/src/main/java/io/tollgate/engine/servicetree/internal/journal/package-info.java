/**
 * Tollgate's own record of a service-tree change, which the gate and every screen read: the change's row
 * ({@code ChangeEntry}) and its events with their audit entries, the ledger that moves its status, writes the trail
 * and sends the notices ({@code ChangeLedger}, {@code ChangeNotices}), who the owner approval is offered to
 * ({@code Approvers}), the JSON of plans and changes, who requested each change, and the status watch the long poll
 * waits on ({@code ChangeWatch}).
 */
package io.tollgate.engine.servicetree.internal.journal;
