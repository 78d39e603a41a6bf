/**
 * Camunda's webapps (Cockpit, Admin, Tasklist) as Tollgate serves them: what the Camunda starter needs from the
 * servlet container to load at all, whatever way Tollgate is started. Who may use them and what they may do there is
 * {@code engine.security}'s business (ADR 0010).
 */
package io.tollgate.engine.cockpit;
