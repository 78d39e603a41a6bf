/**
 * A ticket's or a service-tree change's timeline (issue 14): Tollgate's audit trail for it merged with the engine's
 * history of its process instances (which task, who did it, when, how long it waited), for those who read history.
 */
package io.tollgate.engine.timeline;
