package io.tollgate.engine.review.internal.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every rule of the built-in reviewer, in catalogue order. Ids are stable: settings and audits refer to them. */
public final class RuleRegistry {

    public static final List<Rule> ALL;
    /** {@link #ALL} as an array, for the reviewer's inner loop. */
    public static final Rule[] ARRAY;
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        List<Rule> all = new ArrayList<>();
        all.addAll(StatementRules.rules());
        all.addAll(TableRules.rules());
        all.addAll(ColumnRules.rules());
        all.addAll(IndexRules.rules());
        all.addAll(NamingRules.rules());
        all.addAll(DangerRules.rules());
        all.addAll(OnlineRules.rules());
        all.addAll(TargetRules.rules());
        all.addAll(ExecutionRules.rules());
        ALL = Collections.unmodifiableList(all);
        ARRAY = all.toArray(new Rule[0]);
        for (int i = 0; i < all.size(); i++) {
            if (INDEX.put(all.get(i).id(), i) != null) {
                throw new IllegalStateException("duplicate rule id " + all.get(i).id());
            }
        }
    }

    private RuleRegistry() {
    }

    /** Position of the rule in {@link #ALL}, or -1 for an unknown id. */
    public static int indexOf(String id) {
        return INDEX.getOrDefault(id, -1);
    }

    public static Rule byId(String id) {
        int i = indexOf(id);
        return i < 0 ? null : ALL.get(i);
    }
}
