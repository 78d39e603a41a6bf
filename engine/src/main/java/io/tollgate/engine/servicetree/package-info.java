/**
 * Audited service-tree changes: what people do with them
 * ({@link io.tollgate.engine.servicetree.ServiceTreeChangeRequests}; plain records, no Camunda types), the records,
 * statuses and exceptions they see, and {@link io.tollgate.engine.servicetree.ChangeUpdates} for pages that follow
 * changes. The {@code serviceTreeChange} process's delegates and task listeners, the audit tables, the REST
 * controllers and the background work live in {@code io.tollgate.engine.servicetree.internal}. Each change's
 * lifecycle is recorded in the {@code service_tree_change} tables by the step that causes it. The tree itself is
 * {@code integrations.servicetree}; see docs/processes/service-tree-change.md.
 */
package io.tollgate.engine.servicetree;
