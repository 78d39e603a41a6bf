package io.tollgate.integrations.servicetree;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node of the service tree, as stored in its znode.
 *
 * @param id         allocated by the tree, never reused
 * @param name       unique among its siblings; the node's path is made of the names from the root
 * @param parentId   {@code null} for the root only
 * @param owners     users or groups who approve changes here and below, e.g. {@code user:alice}, {@code group:sre}
 * @param servers    servers bound to an IDC leaf (empty elsewhere)
 * @param urls       monitored URLs of an IDC leaf (empty elsewhere)
 * @param attributes free-form key/value pairs
 */
public record TreeNode(
        long id,
        String name,
        Long parentId,
        List<String> owners,
        List<Server> servers,
        List<String> urls,
        Map<String, String> attributes) {

    /**
     * The longest name a node may have, in characters (a Chinese character counts as one). Names make up paths and
     * znode names; a UI field may use it as its maximum, the rule itself is {@code TreeRules.name}.
     */
    public static final int MAX_NAME_LENGTH = 128;

    public TreeNode {
        Objects.requireNonNull(name, "name");
        name = shared(name);
        owners = owners == null ? List.of() : owners.stream().map(TreeNode::shared).toList();
        servers = servers == null ? List.of() : List.copyOf(servers);
        urls = urls == null ? List.of() : List.copyOf(urls);
        attributes = attributes == null || attributes.isEmpty() ? Map.of() : sharedCopy(attributes);
    }

    /**
     * The texts that repeat across a large tree (owners, attribute names and values, IDC names such as {@code bj-1})
     * are kept once: the UI's view holds every node, and 100,000 nodes held their own copies of the same few hundred
     * texts. Long texts are left alone.
     */
    private static String shared(String text) {
        return text != null && text.length() <= 64 ? text.intern() : text;
    }

    private static Map<String, String> sharedCopy(Map<String, String> attributes) {
        TreeMap<String, String> copy = new TreeMap<>();
        attributes.forEach((key, value) -> copy.put(shared(key), shared(value)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    TreeNode withName(String newName) {
        return new TreeNode(id, newName, parentId, owners, servers, urls, attributes);
    }

    TreeNode withParentId(long newParentId) {
        return new TreeNode(id, name, newParentId, owners, servers, urls, attributes);
    }

    TreeNode withOwners(List<String> newOwners) {
        return new TreeNode(id, name, parentId, newOwners, servers, urls, attributes);
    }

    TreeNode withServers(List<Server> newServers) {
        return new TreeNode(id, name, parentId, owners, newServers, urls, attributes);
    }

    TreeNode withAttributes(Map<String, String> newAttributes) {
        return new TreeNode(id, name, parentId, owners, servers, urls, newAttributes);
    }
}
