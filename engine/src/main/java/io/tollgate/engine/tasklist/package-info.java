/**
 * The tasklist use case: the user tasks a person may work on (assigned to them, or offered to them or one of their
 * groups), claiming and unclaiming them with four eyes (never one's own approval), and {@code TaskEvents}, which tells
 * subscribers about task changes after they commit. The UI reaches Camunda's task service only through
 * {@link io.tollgate.engine.tasklist.Tasklist} and {@link io.tollgate.engine.tasklist.TaskEvents}.
 */
package io.tollgate.engine.tasklist;
