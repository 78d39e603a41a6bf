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
        owners = owners == null ? List.of() : List.copyOf(owners);
        servers = servers == null ? List.of() : List.copyOf(servers);
        urls = urls == null ? List.of() : List.copyOf(urls);
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
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
