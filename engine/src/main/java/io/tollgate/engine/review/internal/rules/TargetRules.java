package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.QueryFacts;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import static io.tollgate.engine.review.RuleCategory.TARGET;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateSetItem;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.parser.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules checked against what exists: the target's schema overlaid with the script's earlier statements.
 * Without a target (and for objects the script did not create) nothing is known and nothing is reported.
 */
public final class TargetRules {

    private TargetRules() {
    }

    private static final Set<String> SYSTEM_DATABASES = Set.of("information_schema", "mysql", "performance_schema", "sys");

    static List<Rule> rules() {
        return List.of(
                new Rule("target.unreachable", TARGET, ERROR,
                        "The target instance must be reachable for existence checks and row estimates.",
                        "Check the instance's host, port and credentials, or review without a target.",
                        (s, run, v) -> {
                            // reported by the reviewer itself when opening the target fails; listed for the catalogue and levels
                        }),
                new Rule("target.database-missing", TARGET, ERROR,
                        "The database a statement uses must exist on the target.",
                        "Create the database first (earlier in the script or by a DBA), or fix its name.",
                        (s, run, v) -> {
                            String db = null;
                            if (s.ast instanceof SQLUseStatement u) {
                                db = Sql.name(u.getDatabase());
                            } else if (s.ast instanceof SQLCreateTableStatement c && c.getSchema() != null) {
                                db = Sql.name(c.getSchema());
                            }
                            if (db != null && run.schema.databasePresence(db) == SchemaState.Presence.MISSING) {
                                v.report("Database " + db + " does not exist.", db);
                            }
                        }),
                new Rule("target.database-exists", TARGET, ERROR,
                        "CREATE DATABASE (without IF NOT EXISTS) must not name an existing database.",
                        "Use another name, or add IF NOT EXISTS if the script may run twice.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateDatabaseStatement d && !d.isIfNotExists()
                                    && run.schema.databasePresence(Sql.name(d.getDatabaseName())) == SchemaState.Presence.EXISTS) {
                                v.report("Database " + Sql.name(d.getDatabaseName()) + " already exists.");
                            }
                        }),
                new Rule("target.table-exists", TARGET, ERROR,
                        "CREATE TABLE (without IF NOT EXISTS) and RENAME ... TO must not name an existing table.",
                        "Use another name, or alter the existing table instead.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && !c.isIfNotExists()) {
                                Sql.TableRef ref = run.table(c.getTableSource());
                                if (present(run, ref)) {
                                    v.report("Table " + label(ref) + " already exists.", ref.table());
                                }
                            } else if (s.ast instanceof MySqlRenameTableStatement r) {
                                for (MySqlRenameTableStatement.Item item : r.getItems()) {
                                    Sql.TableRef to = ref(item.getTo(), run);
                                    if (present(run, to)) {
                                        v.report("Table " + label(to) + " already exists.", to.table());
                                    }
                                }
                            }
                        }),
                new Rule("target.table-missing", TARGET, ERROR,
                        "Tables a statement alters, drops, reads or writes must exist (on the target or created earlier in the script).",
                        "Create the table first, or fix its name.",
                        (s, run, v) -> {
                            for (Sql.TableRef ref : usedTables(s, run)) {
                                if ((ref.database() == null || !SYSTEM_DATABASES.contains(Sql.lower(ref.database())))
                                        && run.schema.tablePresence(ref.database(), ref.table()) == SchemaState.Presence.MISSING) {
                                    v.report(run.schema.isTargetView(ref.database(), ref.table())
                                            ? "Table " + label(ref) + " is a view, not a table: Tollgate changes"
                                            + " tables, whose rows it reads by their key for the rollback; change the"
                                            + " table the view shows instead."
                                            : "Table " + label(ref) + " does not exist.", ref.table());
                                    return;
                                }
                            }
                        }),
                new Rule("target.column-exists", TARGET, ERROR,
                        "ALTER TABLE ... ADD COLUMN (or CHANGE to a new name) must not name an existing column.",
                        "Use another name, or MODIFY the existing column.",
                        (s, run, v) -> {
                            SchemaState.Table t = alteredTable(s, run);
                            if (t == null) {
                                return;
                            }
                            for (SQLAlterTableItem item : ((SQLAlterTableStatement) s.ast).getItems()) {
                                List<SQLColumnDefinition> added = new ArrayList<>();
                                if (item instanceof SQLAlterTableAddColumn add) {
                                    added.addAll(add.getColumns());
                                } else if (item instanceof MySqlAlterTableChangeColumn ch && !Sql.name(ch.getColumnName())
                                        .equalsIgnoreCase(Sql.name(ch.getNewColumnDefinition().getName()))) {
                                    added.add(ch.getNewColumnDefinition());
                                }
                                for (SQLColumnDefinition c : added) {
                                    if (t.column(Sql.name(c.getName())) != null) {
                                        v.report("Column " + t.name + "." + Sql.name(c.getName()) + " already exists.", Sql.name(c.getName()));
                                    }
                                }
                            }
                        }),
                new Rule("target.column-missing", TARGET, ERROR,
                        "Columns a statement modifies, drops, indexes, sets or inserts must exist.",
                        "Add the column first, or fix its name.",
                        (s, run, v) -> {
                            SchemaState.Table t = s.ast instanceof SQLAlterTableStatement || s.ast instanceof SQLCreateIndexStatement
                                    ? IndexRules.table(s, run) : dmlTable(s, run);
                            if (t == null) {
                                return;
                            }
                            Set<String> added = new HashSet<>();
                            s.newColumns().forEach(c -> added.add(Sql.lower(Sql.name(c.getName()))));
                            for (String column : usedColumns(s)) {
                                if (!added.contains(Sql.lower(column)) && t.column(column) == null) {
                                    v.report("Column " + t.name + "." + column + " does not exist.", column);
                                    return;
                                }
                            }
                        }),
                new Rule("target.index-exists", TARGET, ERROR,
                        "ADD INDEX / CREATE INDEX must not reuse the name of an existing index.",
                        "Choose another index name.",
                        (s, run, v) -> {
                            SchemaState.Table t = IndexRules.table(s, run);
                            if (t == null) {
                                return;
                            }
                            for (Sql.IndexDef i : s.indexes()) {
                                if (i.name() != null && i.kind() != Sql.IndexKind.PRIMARY && t.indexes.containsKey(SchemaState.key(i.name()))) {
                                    v.report("Index " + i.name() + " already exists on " + t.name + ".", i.name());
                                }
                            }
                        }),
                new Rule("target.index-missing", TARGET, ERROR,
                        "DROP INDEX must name an existing index.",
                        "Fix the index name; SHOW INDEX FROM the table lists them.",
                        (s, run, v) -> {
                            SchemaState.Table t = IndexRules.table(s, run);
                            List<String> dropped = new ArrayList<>();
                            if (s.ast instanceof SQLDropIndexStatement d && d.getTableName() != null) {
                                Sql.TableRef ref = run.table(d.getTableName());
                                t = ref == null ? null : run.schema.table(ref.database(), ref.table());
                                dropped.add(Sql.name(d.getIndexName()));
                            }
                            for (SQLAlterTableItem item : DangerRules.items(s)) {
                                if (item instanceof SQLAlterTableDropIndex di) {
                                    dropped.add(Sql.name(di.getIndexName()));
                                } else if (item instanceof SQLAlterTableDropKey dk) {
                                    dropped.add(Sql.name(dk.getKeyName()));
                                }
                            }
                            if (t == null) {
                                return;
                            }
                            for (String name : dropped) {
                                if (name != null && !t.indexes.containsKey(SchemaState.key(name))) {
                                    v.report("Index " + name + " does not exist on " + t.name + ".", name);
                                }
                            }
                        }),
                new Rule("target.explain-error", TARGET, WARNING,
                        "The target could not EXPLAIN the statement (MySQL itself rejects its syntax or references).",
                        "Fix the statement so that MySQL accepts it; the message shows MySQL's error.",
                        (s, run, v) -> {
                            if (s.explainError != null) {
                                v.report("EXPLAIN failed on the target: " + s.explainError);
                            }
                        }),
                new Rule("target.sql-mode", TARGET, WARNING,
                        "The target's sql_mode reads some SQL otherwise than MySQL's default dialect"
                                + " (NO_BACKSLASH_ESCAPES, ANSI_QUOTES, PIPES_AS_CONCAT, HIGH_NOT_PRECEDENCE); Tollgate"
                                + " reviews and runs every ticket in the default dialect, so a statement written for"
                                + " the server's own means something else.",
                        "Write the statement for MySQL's default dialect: double a backslash meant as a character,"
                                + " quote strings with single quotes and names with backticks, use CONCAT() to join"
                                + " strings, and put the operand of a NOT in parentheses.",
                        (s, run, v) -> {
                            Map<String, String> readOtherwise = readOtherwise(s.sql);
                            if (readOtherwise.isEmpty()) {
                                return; // the server is asked only about statements where its mode would matter
                            }
                            List<String> modes = run.schema.targetTextModes();
                            List<String> meant = new ArrayList<>();
                            readOtherwise.forEach((mode, reading) -> {
                                if (modes.stream().anyMatch(mode::equalsIgnoreCase)) {
                                    meant.add(reading);
                                }
                            });
                            if (!meant.isEmpty()) {
                                v.report("The target's sql_mode has " + String.join(", ", modes) + "; Tollgate runs"
                                        + " this statement in MySQL's default dialect, where " + String.join("; ", meant)
                                        + ".");
                            }
                        }));
    }

    /** Words after which a NOT reads alike in both dialects: NOT NULL, NOT EXISTS, NOT IN, IS NOT TRUE ... */
    private static final Set<Token> NOT_ALIKE_BEFORE = EnumSet.of(Token.NULL, Token.EXISTS, Token.IN, Token.LIKE,
            Token.BETWEEN, Token.RLIKE, Token.TRUE, Token.FALSE, Token.LPAREN);
    /** The same, for words Druid's lexer reads as names. */
    private static final Set<String> NOT_ALIKE_BEFORE_WORDS = Set.of("REGEXP", "SOUNDS", "UNKNOWN");

    /**
     * What in the statement a flag of the server's mode reads otherwise: the flag, and how the default dialect reads
     * it. Found with Druid's lexer, so strings, comments and quoted names that only contain such text do not count.
     */
    private static Map<String, String> readOtherwise(String sql) {
        boolean backslash = sql.indexOf('\\') >= 0;
        if (!backslash && sql.indexOf('"') < 0 && !sql.contains("||")
                && !sql.toUpperCase(Locale.ROOT).contains("NOT")) {
            return Map.of(); // most statements: nothing any of the flags reads otherwise
        }
        boolean strings = false;
        boolean doubleQuoted = false;
        boolean bars = false;
        boolean prefixNot = false;
        MySqlLexer lexer = new MySqlLexer(sql);
        try {
            Token previous = null;
            for (lexer.nextToken(); lexer.token() != Token.EOF; lexer.nextToken()) {
                Token token = lexer.token();
                strings |= token == Token.LITERAL_CHARS;
                doubleQuoted |= token == Token.LITERAL_ALIAS;
                bars |= token == Token.BARBAR;
                prefixNot |= previous == Token.NOT && !NOT_ALIKE_BEFORE.contains(token)
                        && !(token == Token.IDENTIFIER
                        && NOT_ALIKE_BEFORE_WORDS.contains(lexer.stringVal().toUpperCase(Locale.ROOT)));
                previous = token;
            }
        } catch (RuntimeException unreadable) {
            // the parser reports the statement with its own words
        }
        Map<String, String> readings = new LinkedHashMap<>();
        if (backslash && strings) {
            readings.put("NO_BACKSLASH_ESCAPES", "a backslash in a string escapes the character after it");
        }
        if (doubleQuoted) {
            readings.put("ANSI_QUOTES", "text in double quotes is a string, not a name");
        }
        if (bars) {
            readings.put("PIPES_AS_CONCAT", "|| is OR, not concatenation");
        }
        if (prefixNot) {
            readings.put("HIGH_NOT_PRECEDENCE", "NOT applies to the whole comparison after it");
        }
        return readings;
    }

    private static String label(Sql.TableRef ref) {
        return ref.database() == null ? ref.table() : ref.database() + "." + ref.table();
    }

    private static boolean present(ReviewRun run, Sql.TableRef ref) {
        return ref != null
                && run.schema.tablePresence(ref.database(), ref.table()) == SchemaState.Presence.EXISTS;
    }

    private static Sql.TableRef ref(com.alibaba.druid.sql.ast.SQLName name, ReviewRun run) {
        if (name instanceof SQLPropertyExpr p) {
            return new Sql.TableRef(Sql.name(p.getOwnerName()), Sql.name(p.getName()), true);
        }
        return new Sql.TableRef(run.currentDatabase, Sql.name(name), false);
    }

    private static SchemaState.Table alteredTable(Stmt s, ReviewRun run) {
        return s.ast instanceof SQLAlterTableStatement ? IndexRules.table(s, run) : null;
    }

    /** The single table an UPDATE or INSERT writes, when known. */
    private static SchemaState.Table dmlTable(Stmt s, ReviewRun run) {
        SQLExprTableSource ts = null;
        if (s.ast instanceof SQLUpdateStatement u && u.getTableSource() instanceof SQLExprTableSource e) {
            ts = e;
        } else if (s.ast instanceof SQLInsertStatement i) {
            ts = i.getTableSource();
        }
        Sql.TableRef ref = ts == null ? null : run.table(ts);
        return ref == null ? null : run.schema.table(ref.database(), ref.table());
    }

    /** Tables the statement requires to exist. */
    static List<Sql.TableRef> usedTables(Stmt s, ReviewRun run) {
        List<Sql.TableRef> out = new ArrayList<>();
        if (s.ast instanceof SQLAlterTableStatement a) {
            out.add(run.table(a.getTableSource()));
        } else if (s.ast instanceof SQLDropTableStatement d && !d.isIfExists()) {
            d.getTableSources().forEach(ts -> out.add(run.table(ts)));
        } else if (s.ast instanceof SQLTruncateStatement t) {
            t.getTableSources().forEach(ts -> out.add(run.table(ts)));
        } else if (s.ast instanceof SQLCreateIndexStatement ci && ci.getTable() instanceof SQLExprTableSource ts) {
            out.add(run.table(ts));
        } else if (s.ast instanceof SQLDropIndexStatement di && di.getTableName() != null) {
            out.add(run.table(di.getTableName()));
        } else if (s.ast instanceof SQLCreateTableStatement c && c.getLike() != null) {
            out.add(run.table(c.getLike()));
        } else if (s.ast instanceof MySqlRenameTableStatement r) {
            r.getItems().forEach(i -> out.add(ref(i.getName(), run)));
        } else if (s.ast != null && s.isDmlOrQuery()) {
            QueryFacts f = s.facts();
            Set<String> aliases = new HashSet<>();
            for (SQLExprTableSource ts : f.tables) {
                if (ts.getAlias() != null) {
                    aliases.add(Sql.lower(Sql.name(ts.getAlias())));
                }
            }
            for (SQLExprTableSource ts : f.tables) {
                Sql.TableRef ref = run.table(ts);
                if (ref != null && !(!ref.qualified()
                        && (f.cteNames.contains(Sql.lower(ref.table())) || aliases.contains(Sql.lower(ref.table()))))
                        && !ref.table().equalsIgnoreCase("dual")) {
                    out.add(ref);
                }
            }
        }
        out.removeIf(r -> r == null);
        return out;
    }

    /** Columns of the statement's table that must already exist. */
    private static List<String> usedColumns(Stmt s) {
        List<String> out = new ArrayList<>();
        if (s.ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                if (item instanceof MySqlAlterTableModifyColumn m) {
                    out.add(Sql.name(m.getNewColumnDefinition().getName()));
                } else if (item instanceof MySqlAlterTableChangeColumn ch) {
                    out.add(Sql.name(ch.getColumnName()));
                } else if (item instanceof SQLAlterTableDropColumnItem d) {
                    d.getColumns().forEach(c -> out.add(Sql.name(c)));
                }
            }
        }
        if (s.ast instanceof SQLAlterTableStatement || s.ast instanceof SQLCreateIndexStatement) {
            for (Sql.IndexDef i : s.indexes()) {
                i.columns().stream().filter(c -> c.matches("[a-z0-9_$]+")).forEach(out::add);
            }
        } else if (s.ast instanceof SQLUpdateStatement u && u.getTableSource() instanceof SQLExprTableSource) {
            for (SQLUpdateSetItem item : u.getItems()) {
                String c = column(item.getColumn());
                if (c != null) {
                    out.add(c);
                }
            }
        } else if (s.ast instanceof SQLInsertStatement i) {
            i.getColumns().forEach(c -> {
                String name = column(c);
                if (name != null) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    private static String column(SQLExpr e) {
        if (e instanceof SQLIdentifierExpr id) {
            return Sql.name(id.getName());
        }
        if (e instanceof SQLPropertyExpr p) {
            return Sql.name(p.getName());
        }
        return null;
    }
}
