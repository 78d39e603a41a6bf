package io.tollgate.integrations.servicetree;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders nodes as one line per property and diffs them (java-diff-utils), so the audit shows what changes. */
final class PlanDiff {

    private PlanDiff() {
    }

    static String unified(List<NodeView> before, List<NodeView> after) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        if (original.equals(revised)) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                "before", "after", original, DiffUtils.diff(original, revised), 3);
        return String.join("\n", diff) + "\n";
    }

    static List<String> lines(List<NodeView> views) {
        List<String> lines = new ArrayList<>();
        for (NodeView view : views) {
            lines.addAll(lines(view));
        }
        return lines;
    }

    static List<String> lines(NodeView view) {
        TreeNode node = view.node();
        List<String> lines = new ArrayList<>();
        lines.add("node " + node.id() + " (" + TreeRules.describe(view.level()) + ")");
        lines.add("  path: " + view.path());
        lines.add("  name: " + node.name());
        lines.add("  owners: " + String.join(", ", node.owners()));
        for (Server server : node.servers()) {
            lines.add("  server " + server.hostname() + ": ratio " + server.trafficRatio().toPlainString()
                    + (server.offline() ? ", offline" : ""));
        }
        for (String url : node.urls()) {
            lines.add("  url " + url);
        }
        for (Map.Entry<String, String> attribute : node.attributes().entrySet()) {
            lines.add("  attribute " + attribute.getKey() + ": " + attribute.getValue());
        }
        return lines;
    }
}
