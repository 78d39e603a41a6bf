/**
 * Audited service-tree changes: the {@code serviceTreeChange} process's delegates and task listeners, and the use
 * case the UI calls, {@link io.tollgate.engine.servicetree.ServiceTreeChangeRequests} (plain records, no Camunda
 * types). Each change's lifecycle is recorded in the {@code service_tree_change} tables by the step that causes it.
 * The tree itself is {@code integrations.servicetree}; see docs/processes/service-tree-change.md.
 */
package io.tollgate.engine.servicetree;
