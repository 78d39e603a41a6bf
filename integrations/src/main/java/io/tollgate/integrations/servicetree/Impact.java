package io.tollgate.integrations.servicetree;

import java.util.List;

/**
 * What a change touches: the nodes, servers and monitored URLs in the affected subtree.
 *
 * @param nodes   number of nodes in the subtree, the node included
 * @param servers host names bound anywhere in the subtree
 * @param urls    monitored URLs anywhere in the subtree
 */
public record Impact(int nodes, List<String> servers, List<String> urls) {

    public Impact {
        servers = List.copyOf(servers);
        urls = List.copyOf(urls);
    }

    static Impact none() {
        return new Impact(0, List.of(), List.of());
    }
}
