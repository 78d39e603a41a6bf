package io.tollgate.integrations.servicetree;

/**
 * A node with what is derived from its place in the tree.
 *
 * @param node  the stored node
 * @param path  the names from the root, e.g. {@code /online/loki/api/bj}
 * @param level derived from the depth
 */
public record NodeView(TreeNode node, String path, Level level) {
}
