package io.tollgate.integrations.servicetree;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service tree's rules (from Loki, plus what keeps the tree sound), as pure functions that return a readable
 * violation, if any.
 */
final class TreeRules {

    static final Pattern NAME = Pattern.compile("^[\\u4e00-\\u9fa5\\w-]+$");
    static final Pattern OWNER = Pattern.compile("^(user|group):[\\w.@-]+$");
    static final Pattern CHANGE_ID = Pattern.compile("^[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,127}$");

    private TreeRules() {
    }

    static Optional<String> name(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a name is required");
        }
        int length = name.codePointCount(0, name.length());
        if (length > TreeNode.MAX_NAME_LENGTH) {
            return Optional.of("name '" + name.substring(0, name.offsetByCodePoints(0, 20)) + "…' is " + length
                    + " characters long; at most " + TreeNode.MAX_NAME_LENGTH + " characters are allowed");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("name '" + name
                    + "' may only contain letters, digits, '_', '-' and Chinese characters");
        }
        return Optional.empty();
    }

    static Optional<String> owners(List<String> owners) {
        return owners.stream()
                .filter(owner -> owner == null || !OWNER.matcher(owner).matches())
                .findFirst()
                .map(owner -> "owner '" + owner + "' must be 'user:<id>' or 'group:<name>'");
    }

    static Optional<String> changeId(String changeId) {
        return CHANGE_ID.matcher(changeId).matches()
                ? Optional.empty()
                : Optional.of("change id '" + changeId
                        + "' must be 1 to 128 letters, digits or '. _ : -' and not start with '.'");
    }

    /** Servers of one leaf: host names present and unique, each ratio in [0, 1], all ratios summing to at most 1. */
    static Optional<String> servers(String nodePath, List<Server> servers) {
        Set<String> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Server server : servers) {
            if (server.hostname().isBlank()) {
                return Optional.of("a server needs a host name");
            }
            if (!seen.add(server.hostname())) {
                return Optional.of("server " + server.hostname() + " is bound to " + nodePath + " twice");
            }
            if (server.trafficRatio().signum() < 0 || server.trafficRatio().compareTo(BigDecimal.ONE) > 0) {
                return Optional.of("traffic ratio of " + server.hostname() + " must be between 0 and 1, not "
                        + server.trafficRatio().toPlainString());
            }
            sum = sum.add(server.trafficRatio());
        }
        if (sum.compareTo(BigDecimal.ONE) > 0) {
            return Optional.of("traffic ratios of " + nodePath + " would sum to " + sum.toPlainString()
                    + "; at most 1 is allowed");
        }
        return Optional.empty();
    }

    /** Servers and monitored URLs belong to IDC leaves only. */
    static Optional<String> leafPayload(String nodePath, Level level, List<Server> servers, List<String> urls) {
        if (level != Level.IDC && (!servers.isEmpty() || !urls.isEmpty())) {
            return Optional.of(nodePath + " is a " + describe(level)
                    + ": servers and URLs can only be bound to an IDC");
        }
        return Optional.empty();
    }

    /** A node may only be created where its level exists: under the root, a product line or a service. */
    static Optional<String> childLevel(String parentPath, Level parentLevel) {
        if (parentLevel == Level.IDC) {
            return Optional.of(parentPath + " is an IDC, the lowest level: it cannot have children");
        }
        return Optional.empty();
    }

    /** Only an empty leaf without servers may be deleted; never the root. */
    static Optional<String> deletable(NodeView node, int childCount) {
        if (node.level() == Level.ROOT) {
            return Optional.of("the root " + node.path() + " cannot be deleted");
        }
        if (childCount > 0) {
            return Optional.of(node.path() + " has " + childCount + " child node(s): only an empty leaf can be deleted");
        }
        if (!node.node().servers().isEmpty()) {
            return Optional.of(node.path() + " has " + node.node().servers().size()
                    + " server(s) bound: unbind them before deleting it");
        }
        return Optional.empty();
    }

    /**
     * A move keeps the tree a tree and its levels consistent.
     *
     * @param node            the node to move
     * @param destination     the new parent
     * @param destinationLine the ids of the destination and its ancestors
     * @param subtreeHeight   how many levels lie below the node (0 for a leaf)
     * @param subtreeHasLeafPayload whether the node or a descendant carries servers or URLs
     */
    static Optional<String> move(NodeView node, NodeView destination, List<Long> destinationLine, int subtreeHeight,
                                 boolean subtreeHasLeafPayload) {
        if (node.level() == Level.ROOT) {
            return Optional.of("the root cannot be moved");
        }
        if (destinationLine.contains(node.node().id())) {
            return Optional.of("cannot move " + node.path() + " under itself or one of its descendants ("
                    + destination.path() + ")");
        }
        if (Long.valueOf(destination.node().id()).equals(node.node().parentId())) {
            return Optional.of(node.path() + " is already under " + destination.path());
        }
        int newDepth = destination.level().ordinal() + 1;
        if (newDepth + subtreeHeight > Level.IDC.ordinal()) {
            return Optional.of("moving " + node.path() + " under " + destination.path()
                    + " would put nodes below the IDC level");
        }
        if (newDepth != node.level().ordinal() && subtreeHasLeafPayload) {
            return Optional.of("moving " + node.path() + " under " + destination.path() + " would make it a "
                    + describe(Level.atDepth(newDepth))
                    + ", but it or a node below it has servers or URLs, which must stay on IDCs");
        }
        return Optional.empty();
    }

    /**
     * Attribute names are not blank; names and values hold no control or bidirectional-formatting characters: the
     * approvers read a change as a diff, one line per attribute, and a newline in a value wrote lines that looked like
     * unchanged context or another hunk, and a right-to-left override showed text other than the stored one.
     */
    static Optional<String> attributes(Map<String, String> attributes) {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String key = attribute.getKey();
            if (key == null || key.isBlank()) {
                return Optional.of("attribute names cannot be blank");
            }
            if (hidesText(key)) {
                return Optional.of("attribute name '" + visible(key) + "' holds a control or text-direction"
                        + " character; use plain text");
            }
            if (attribute.getValue() != null && hidesText(attribute.getValue())) {
                return Optional.of("attribute " + visible(key) + "'s value holds a control or text-direction"
                        + " character (a line break, say); use plain text on one line");
            }
        }
        return Optional.empty();
    }

    private static boolean hidesText(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069));
    }

    private static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> {
            if (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("U+%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    static String describe(Level level) {
        return switch (level) {
            case ROOT -> "root";
            case PRODUCT_LINE -> "product line";
            case SERVICE -> "service";
            case IDC -> "IDC";
        };
    }
}
