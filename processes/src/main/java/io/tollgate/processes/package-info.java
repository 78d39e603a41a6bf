/**
 * Tollgate's BPMN models (under {@code processes/} on the classpath) and one constants holder per model: the
 * process key, element ids, message and error names, and typed variables, so that nothing else spells them.
 * Depends on the Camunda engine API only ({@code provided}); knows nothing of Tollgate's other modules.
 */
package io.tollgate.processes;
