package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import static io.tollgate.engine.review.RuleCategory.INDEX;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules about indexes defined by CREATE TABLE, ALTER TABLE ... ADD INDEX/KEY/CONSTRAINT and CREATE INDEX. */
public final class IndexRules {

    private IndexRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("index.naming", INDEX, WARNING,
                        "Indexes are named idx_<columns>, unique indexes uniq_<columns>.",
                        "Rename the index with the idx_ or uniq_ prefix.",
                        (s, run, v) -> {
                            for (Sql.IndexDef i : s.indexes()) {
                                if (i.name() == null || i.kind() == Sql.IndexKind.PRIMARY) {
                                    continue;
                                }
                                String prefix = i.kind() == Sql.IndexKind.UNIQUE ? "uniq_" : "idx_";
                                if (!Sql.lower(i.name()).startsWith(prefix)) {
                                    v.report("Index " + i.name() + " should start with " + prefix + ".", i.name());
                                }
                            }
                        }),
                new Rule("index.name-required", INDEX, WARNING,
                        "Indexes should be named explicitly; MySQL's generated names say nothing and differ between servers.",
                        "Give the index a name, e.g. idx_<columns>.",
                        (s, run, v) -> {
                            for (Sql.IndexDef i : s.indexes()) {
                                if (i.name() == null && i.kind() != Sql.IndexKind.PRIMARY) {
                                    v.report("An index on (" + String.join(", ", i.columns()) + ") has no name.", "key");
                                }
                            }
                        }),
                new Rule("index.max-count", INDEX, WARNING,
                        "A table should not have more secondary indexes than the configured limit (tollgate.review.max-indexes): each slows every write.",
                        "Drop indexes that queries do not need, or combine them into composite indexes.",
                        (s, run, v) -> {
                            List<Sql.IndexDef> added = s.indexes();
                            long count = added.stream().filter(i -> i.kind() != Sql.IndexKind.PRIMARY).count();
                            if (count == 0) {
                                return;
                            }
                            if (!(s.ast instanceof SQLCreateTableStatement)) {
                                SchemaState.Table t = table(s, run);
                                count += t == null ? 0 : t.indexes.values().stream().filter(i -> !i.name().equalsIgnoreCase("PRIMARY")).count();
                            }
                            if (count > run.properties.maxIndexes()) {
                                v.report("The table would have " + count + " secondary indexes; the limit is " + run.properties.maxIndexes() + ".");
                            }
                        }),
                new Rule("index.max-key-parts", INDEX, WARNING,
                        "An index should not have more columns than the configured limit (tollgate.review.max-key-parts).",
                        "Keep the most selective columns and drop the rest from the index.",
                        (s, run, v) -> {
                            for (Sql.IndexDef i : s.indexes()) {
                                if (i.columns().size() > run.properties.maxKeyParts()) {
                                    v.report("Index " + label(i) + " has " + i.columns().size() + " columns; the limit is "
                                            + run.properties.maxKeyParts() + ".", i.name());
                                }
                            }
                        }),
                new Rule("index.duplicate", INDEX, ERROR,
                        "Two indexes on the same columns in the same order are pure overhead.",
                        "Drop one of the two indexes.",
                        (s, run, v) -> compare(s, run, (a, b) -> a.equals(b), v, "duplicates")),
                new Rule("index.redundant", INDEX, WARNING,
                        "An index whose columns are a leftmost prefix of another index is redundant.",
                        "Drop the shorter index; the longer one serves the same lookups.",
                        (s, run, v) -> compare(s, run, (a, b) -> a.size() < b.size() && b.subList(0, a.size()).equals(a), v,
                                "is a leftmost prefix of")),
                new Rule("index.blob-text-prefix", INDEX, ERROR,
                        "Indexes on BLOB/TEXT columns need a prefix length (MySQL rejects them otherwise).",
                        "Index a prefix, e.g. KEY idx_body (body(64)), or use a FULLTEXT index.",
                        (s, run, v) -> {
                            if (s.indexes().isEmpty()) {
                                return;
                            }
                            Map<String, String> types = columnTypes(s, run);
                            for (Sql.IndexDef i : s.indexes()) {
                                if (i.kind() == Sql.IndexKind.FULLTEXT) {
                                    continue;
                                }
                                for (int k = 0; k < i.columns().size(); k++) {
                                    String type = types.get(i.columns().get(k));
                                    if (type != null && Sql.isBlobOrText(baseType(type)) && !i.prefixed().get(k)) {
                                        v.report("Index " + label(i) + " covers " + type.toUpperCase() + " column " + i.columns().get(k)
                                                + " without a prefix length.", i.columns().get(k));
                                    }
                                }
                            }
                        }));
    }

    /** "text", "varchar" from "text", "varchar(64)", "bigint unsigned". */
    private static String baseType(String type) {
        int end = 0;
        while (end < type.length() && Character.isLetter(type.charAt(end))) {
            end++;
        }
        return type.substring(0, end);
    }

    private static String label(Sql.IndexDef i) {
        return i.name() != null ? i.name() : "(" + String.join(", ", i.columns()) + ")";
    }

    static SchemaState.Table table(Stmt s, ReviewRun run) {
        SQLExprTableSource ts = null;
        if (s.ast instanceof SQLAlterTableStatement a) {
            ts = a.getTableSource();
        } else if (s.ast instanceof SQLCreateIndexStatement ci && ci.getTable() instanceof SQLExprTableSource t) {
            ts = t;
        }
        Sql.TableRef ref = ts == null ? null : run.table(ts);
        return ref == null ? null : run.schema.table(ref.database(), ref.table());
    }

    /** Lower-case column name → type, from the CREATE TABLE itself or the known table (plus columns this ALTER adds). */
    private static Map<String, String> columnTypes(Stmt s, ReviewRun run) {
        Map<String, String> types = new HashMap<>();
        SchemaState.Table t = s.ast instanceof SQLCreateTableStatement ? null : table(s, run);
        if (t != null) {
            t.columns.forEach((k, c) -> types.put(k, Sql.lower(c.type())));
        }
        for (SQLColumnDefinition c : s.columns()) {
            types.put(Sql.lower(Sql.name(c.getName())), Sql.typeString(c.getDataType()));
        }
        return types;
    }

    private interface ColumnsRelation {
        boolean holds(List<String> candidate, List<String> other);
    }

    /**
     * Checks each index the statement adds against the others it adds and the table's existing ones;
     * reports the first pair where {@code relation(candidate, other)} holds.
     */
    private static void compare(Stmt s, ReviewRun run, ColumnsRelation relation, Rule.Violations v, String verb) {
        List<Sql.IndexDef> added = s.indexes();
        if (added.isEmpty()) {
            return;
        }
        List<Sql.IndexDef> all = new ArrayList<>();
        SchemaState.Table t = s.ast instanceof SQLCreateTableStatement ? null : table(s, run);
        if (t != null) {
            t.indexes.values().forEach(i -> all.add(new Sql.IndexDef(i.name(), i.unique() ? Sql.IndexKind.UNIQUE : Sql.IndexKind.INDEX,
                    i.columns().stream().map(Sql::lower).toList(), List.of())));
        }
        all.addAll(added);
        for (Sql.IndexDef candidate : added) {
            if (candidate.kind() == Sql.IndexKind.FULLTEXT || candidate.kind() == Sql.IndexKind.SPATIAL) {
                continue;
            }
            for (Sql.IndexDef other : all) {
                if (other == candidate || other.kind() == Sql.IndexKind.FULLTEXT || other.kind() == Sql.IndexKind.SPATIAL) {
                    continue;
                }
                boolean uniqueCandidate = candidate.kind() == Sql.IndexKind.UNIQUE || candidate.kind() == Sql.IndexKind.PRIMARY;
                if (relation.holds(candidate.columns(), other.columns()) && !(uniqueCandidate && !candidate.columns().equals(other.columns()))
                        && !(candidate.kind() == Sql.IndexKind.PRIMARY && other.kind() != Sql.IndexKind.PRIMARY)) {
                    v.report("Index " + label(candidate) + " " + verb + " index " + label(other) + ".", candidate.name());
                    return;
                }
            }
        }
    }
}
