package io.tollgate.ui.servicetree;

import io.tollgate.engine.label.Labels;
import io.tollgate.integrations.servicetree.Impact;

/** A change's or a subtree's impact in words, as every service-tree page writes it: "1 node, 2 servers, 0 URLs". */
final class ImpactText {

    private ImpactText() {
    }

    static String of(Impact impact) {
        Labels english = Labels.english(); // the pages' sentences are English
        return english.count(impact.nodes(), "node") + ", " + english.count(impact.servers().size(), "server") + ", "
                + english.count(impact.urls().size(), "url");
    }
}
