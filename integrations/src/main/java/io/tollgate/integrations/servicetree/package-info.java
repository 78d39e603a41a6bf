/**
 * The service tree (root, product line, service, IDC) kept in ZooKeeper through Curator, one znode per node.
 *
 * <p>Public surface: the model ({@link io.tollgate.integrations.servicetree.TreeNode}, {@link
 * io.tollgate.integrations.servicetree.Server}, {@link io.tollgate.integrations.servicetree.Level}), the change
 * requests ({@link io.tollgate.integrations.servicetree.ServiceTreeChange}), the audited change cycle
 * validate-and-snapshot, apply, verify ({@link io.tollgate.integrations.servicetree.ServiceTreeChanges}), the read
 * cache for the UI ({@link io.tollgate.integrations.servicetree.ServiceTreeView}) and the bootstrap import ({@link
 * io.tollgate.integrations.servicetree.ServiceTreeImporter}). Everything takes and returns plain records, so the
 * Camunda delegates that call it stay thin; nothing here knows Camunda or Vaadin.
 *
 * <p>Znode layout under the root path (default {@code /tollgate/service-tree}):
 * <pre>
 *   nodes/{id}              the node as JSON (name, parent id, owners, servers, URLs, attributes)
 *   children/{id}/{name}    name index: one znode per child, data = the child's id; siblings' names are unique
 *                           (and a change's validation keeps them apart in more than letter case)
 *   ids                     id counter, advanced by compare-and-set on its version
 *   changes/{changeId}      idempotency marker written in the same transaction as the change
 *   import                  while an import writes: its id range (removed by its last transaction)
 *   import-lock             ephemeral, while an import runs: one import at a time
 * </pre>
 * See docs/adr/0003-service-tree-in-zookeeper.md.
 */
package io.tollgate.integrations.servicetree;
