package io.tollgate.integrations.servicetree;

/** A node's level, derived from its depth under the root: product line, service, then IDC (the leaves). */
public enum Level {
    ROOT,
    PRODUCT_LINE,
    SERVICE,
    IDC;

    /** The level at the given depth (root = 0), or {@code null} when deeper than an IDC. */
    public static Level atDepth(int depth) {
        Level[] levels = values();
        return depth >= 0 && depth < levels.length ? levels[depth] : null;
    }

    /** Whether this is one of the top two levels, where every change is critical. */
    public boolean top() {
        return this == ROOT || this == PRODUCT_LINE;
    }
}
