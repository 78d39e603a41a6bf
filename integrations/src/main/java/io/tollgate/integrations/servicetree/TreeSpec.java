package io.tollgate.integrations.servicetree;

import java.util.List;
import java.util.Map;

/**
 * A tree to import, nested as in its JSON or YAML file. Ids are allocated on import.
 *
 * @param name       the node's name
 * @param owners     e.g. {@code user:alice}, {@code group:sre}
 * @param servers    for IDC leaves
 * @param urls       monitored URLs, for IDC leaves
 * @param attributes free-form
 * @param children   the nodes one level down
 */
public record TreeSpec(
        String name,
        List<String> owners,
        List<Server> servers,
        List<String> urls,
        Map<String, String> attributes,
        List<TreeSpec> children) {

    public TreeSpec {
        owners = owners == null ? List.of() : List.copyOf(owners);
        servers = servers == null ? List.of() : List.copyOf(servers);
        urls = urls == null ? List.of() : List.copyOf(urls);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        children = children == null ? List.of() : List.copyOf(children);
    }
}
