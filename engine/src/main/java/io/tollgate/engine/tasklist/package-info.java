/**
 * The tasklist use case: the user tasks a person may work on (assigned to them, or offered to one of their groups).
 * The UI reaches Camunda's task service only through {@link io.tollgate.engine.tasklist.Tasklist}.
 */
package io.tollgate.engine.tasklist;
