package io.tollgate.engine.review.internal;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.internal.rules.ExecutionRules;
import io.tollgate.engine.review.internal.rules.Reversibilities;
import io.tollgate.engine.review.internal.rules.RiskAssessor;
import io.tollgate.engine.review.internal.rules.Rule;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import io.tollgate.engine.review.internal.rules.SchemaEffects;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.RowEstimator;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.ScriptSplitter;
import io.tollgate.engine.review.internal.statement.Stmt;
import io.tollgate.engine.review.internal.statement.TargetMetadata;
import io.tollgate.engine.review.internal.statement.TargetMetadataFactory;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SqlReviewer}: splits the script, parses each statement with Druid's MySQL parser,
 * runs every enabled rule against it with the schema as the script has shaped it so far, estimates
 * affected rows on the target, classifies reversibility and rates the ticket's risk.
 */
public final class BuiltInSqlReviewer implements SqlReviewer {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSqlReviewer.class);
    private static final Pattern DRUID_POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final int MAX_MESSAGE = 300;

    private final ReviewProperties properties;
    private final StatementSupport.Ledger ledger;
    private final long maxRowsPerStatement;
    private final RuleLevelSource levels;
    private final TargetMetadataFactory targets;

    BuiltInSqlReviewer(ReviewProperties properties, RuleLevelSource levels, TargetMetadataFactory targets) {
        this(properties, levels, targets, ExecutionSettings.defaults());
    }

    /**
     * @param execution the executor's settings: statements naming its ledger schema are refused as the executor
     *                  refuses them, and statements over its rows-per-statement limit are warned of
     */
    BuiltInSqlReviewer(ReviewProperties properties, RuleLevelSource levels, TargetMetadataFactory targets,
                       ExecutionSettings execution) {
        this.ledger = execution.protectedSchemas();
        this.maxRowsPerStatement = execution.maxRowsPerStatement();
        this.properties = properties;
        this.levels = levels;
        this.targets = targets;
    }

    @Override
    public ReviewResult review(ReviewRequest request) {
        String sql = request.sql();
        long bytes = utf8Length(sql, properties.maxScriptBytes());
        if (bytes > properties.maxScriptBytes()) {
            return ReviewResult.refused("The script is larger than the limit of " + properties.maxScriptBytes()
                    + " bytes (tollgate.review.max-script-bytes); split it into several tickets.");
        }
        List<ScriptSplitter.Piece> pieces = ScriptSplitter.split(sql);
        if (pieces.isEmpty()) {
            return ReviewResult.refused("The script contains no SQL statements.");
        }
        RuleLevel[] effective = effectiveLevels(request.environment());
        TargetMetadata target = null;
        String unreachable = null;
        if (request.target() != null && targets != null) {
            try {
                target = targets.open(request.target());
            } catch (RuntimeException e) {
                unreachable = "Cannot read the target " + request.target() + ": " + shorten(e.getMessage()) + ".";
                log.info("review without target: {}", unreachable);
            }
        }
        try {
            return review(pieces, request, effective, target, unreachable);
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /**
     * Walks the script once: each statement is parsed, checked, applied to the schema view and then
     * dropped, so memory holds one syntax tree at a time, not the whole script's.
     */
    private ReviewResult review(List<ScriptSplitter.Piece> pieces, ReviewRequest request, RuleLevel[] effective,
                                TargetMetadata target, String unreachable) {
        ReviewRun run = new ReviewRun(properties, request.environment(), new SchemaState(target), request.database(), ledger,
                maxRowsPerStatement);
        RiskAssessor risk = new RiskAssessor(run);
        List<StatementReview> reviews = new ArrayList<>(pieces.size());
        Violations violations = new Violations();
        int errors = 0;
        int warnings = 0;
        int ddl = 0;
        int dml = 0;
        int firstDml = -1;
        List<Finding> findings = new ArrayList<>();
        int[][] plan = plan(effective);
        for (ScriptSplitter.Piece piece : pieces) {
            Stmt s = parse(reviews.size(), piece);
            findings.clear();
            if (unreachable != null && s.index == 0) {
                add(findings, effective, "target.unreachable", unreachable, s.line, s.column);
            }
            if (s.ast == null) {
                add(findings, effective, "stmt.syntax-error", s.parseError, s.errorLine, s.errorColumn);
                s.reversibility = Reversibility.IRREVERSIBLE;
            } else {
                try {
                    violations.statement(s, findings);
                    try {
                        check(s, run, target, effective, plan, violations);
                        risk.add(s);
                    } catch (RuntimeException e) {
                        // the target failed while this statement was being checked (connection lost, timeout)
                        add(findings, effective, "target.unreachable", "Reading the target failed while checking this"
                                + " statement: " + shorten(e.getMessage()) + ".", s.line, s.column);
                    }
                } catch (StackOverflowError e) {
                    // parsed, but too deep for the checks that walk it (a WHERE of thousands of ORs): an error, not a
                    // review that fails at every retry and leaves the ticket reviewing
                    add(findings, effective, "stmt.syntax-error", "The statement is too deep to be checked (a"
                            + " condition of thousands of ANDs or ORs, say): split it, or use IN (...) for a list of"
                            + " values.", s.line, s.column);
                    s.reversibility = Reversibility.IRREVERSIBLE;
                }
                try {
                    SchemaEffects.apply(s, run);
                } catch (RuntimeException | StackOverflowError e) {
                    log.warn("could not apply statement {} to the script's schema view", s.index, e);
                }
            }
            if (s.isDdl()) {
                ddl++;
            } else if (s.isDml()) {
                dml++;
                firstDml = firstDml < 0 ? s.index : firstDml;
            }
            reviews.add(new StatementReview(s.index, s.line, s.column, s.sql, s.kind, List.copyOf(findings), s.rows, s.reversibility));
        }
        int mixed = RuleRegistry.indexOf("stmt.mixed-ddl-dml");
        if (ddl > 0 && dml > 0 && effective[mixed] != RuleLevel.OFF) {
            StatementReview first = reviews.get(firstDml);
            List<Finding> withMixed = new ArrayList<>(first.findings());
            withMixed.add(new Finding("stmt.mixed-ddl-dml", effective[mixed], "The script has " + ddl + " DDL and " + dml
                    + " DML statements. " + RuleRegistry.ALL.get(mixed).fix(), first.line(), first.column()));
            reviews.set(firstDml, new StatementReview(first.index(), first.line(), first.column(), first.sql(), first.kind(),
                    List.copyOf(withMixed), first.rows(), first.reversibility()));
        }
        for (StatementReview r : reviews) {
            for (Finding f : r.findings()) {
                if (f.level() == RuleLevel.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        RiskLevel level = risk.level();
        String message = reviews.size() + (reviews.size() == 1 ? " statement, " : " statements, ") + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings") + "; risk "
                + level.name().toLowerCase(java.util.Locale.ROOT); // a sentence for people: "risk moderate", not MODERATE
        return new ReviewResult(false, message, List.copyOf(reviews), level, errors, warnings);
    }

    private void check(Stmt s, ReviewRun run, TargetMetadata target, RuleLevel[] effective, int[][] plan, Violations v) {
        try {
            RowEstimator.estimate(s, run, target);
        } catch (RuntimeException | StackOverflowError e) {
            s.explainError = shorten(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        s.refusal = ExecutionRules.refusal(s, run);
        s.reversibility = s.refusal != null ? Reversibility.REFUSED_AT_EXECUTION : Reversibilities.of(s, run);
        Rule[] rules = RuleRegistry.ARRAY;
        for (int i : plan[s.statementClass()]) {
            Rule rule = rules[i];
            v.rule(rule, effective[i]);
            try {
                rule.check().check(s, run, v);
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("rule {} failed on statement {}", rule.id(), s.index, e);
                v.rule(rule, RuleLevel.WARNING);
                v.report("Rule " + rule.id() + " could not check this statement (" + e.getClass().getSimpleName() + ").");
            }
        }
    }

    /** For each statement class, the indexes of the rules that are on and concern it. */
    private static int[][] plan(RuleLevel[] effective) {
        int[][] plan = new int[3][];
        for (int c = 0; c < plan.length; c++) {
            final int statementClass = c;
            plan[c] = java.util.stream.IntStream.range(0, effective.length)
                    .filter(i -> effective[i] != RuleLevel.OFF && RuleRegistry.ARRAY[i].appliesTo(statementClass)).toArray();
        }
        return plan;
    }

    /** Adds a finding of a rule the reviewer checks itself (syntax, reachability), with the rule's fix appended. */
    private static void add(List<Finding> findings, RuleLevel[] effective, String ruleId, String detail, int line, int column) {
        int index = RuleRegistry.indexOf(ruleId);
        RuleLevel level = effective[index];
        if (level != RuleLevel.OFF) {
            findings.add(new Finding(ruleId, level, detail + " " + RuleRegistry.ARRAY[index].fix(), line, column));
        }
    }

    private RuleLevel[] effectiveLevels(Environment environment) {
        List<Rule> rules = RuleRegistry.ALL;
        RuleLevel[] out = new RuleLevel[rules.size()];
        Map<String, RuleLevel> overrides = levels.overrides(environment);
        for (int i = 0; i < out.length; i++) {
            out[i] = rules.get(i).fixedLevel() ? rules.get(i).defaultLevel()
                    : overrides.getOrDefault(rules.get(i).id(), rules.get(i).defaultLevel());
        }
        return out;
    }

    /** Splits and parses only, keeping nothing (the benchmark's baseline); returns the number of statements. */
    static int splitAndParse(String script) {
        int n = 0;
        for (ScriptSplitter.Piece p : ScriptSplitter.split(script)) {
            parse(n++, p);
        }
        return n;
    }

    private static Stmt parse(int index, ScriptSplitter.Piece p) {
        if (p.error() != null) {
            return new Stmt(index, p.sql(), p.line(), p.column(), null, "Syntax error: " + p.error() + ".", p.errorLine(), p.errorColumn());
        }
        try {
            List<SQLStatement> parsed = new MySqlStatementParser(p.sql()).parseStatementList();
            if (parsed.size() == 1) {
                return new Stmt(index, p.sql(), p.line(), p.column(), parsed.get(0), null, 0, 0);
            }
            String problem = parsed.isEmpty() ? "no statement found" : parsed.size() + " statements found where one was expected (missing delimiter?)";
            return new Stmt(index, p.sql(), p.line(), p.column(), null,
                    "Syntax error at line " + p.line() + ", column " + p.column() + ": " + problem + ".", p.line(), p.column());
        } catch (RuntimeException | StackOverflowError e) {
            int[] at = {p.line(), p.column()};
            String message = e instanceof StackOverflowError ? "the statement is nested too deeply to be parsed"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Matcher m = DRUID_POSITION.matcher(message);
            if (m.find()) {
                int relLine = Integer.parseInt(m.group(1));
                int relColumn = Integer.parseInt(m.group(2));
                at = relLine <= 1 ? new int[] {p.line(), p.column() + Math.max(0, relColumn - 1)}
                        : new int[] {p.line() + relLine - 1, Math.max(1, relColumn)};
            }
            int offset = offsetOf(p.sql(), p.line(), p.column(), at[0], at[1]);
            String near = p.sql().substring(offset, Math.min(p.sql().length(), offset + 40)).replaceAll("\\s+", " ");
            String text = "Syntax error at line " + at[0] + ", column " + at[1] + " near '" + printable(near) + "': "
                    + shorten(cleanDruidMessage(message)) + ".";
            return new Stmt(index, p.sql(), p.line(), p.column(), null, text, at[0], at[1]);
        }
    }

    private static int offsetOf(String sql, int startLine, int startColumn, int line, int column) {
        int l = startLine;
        int c = startColumn;
        for (int i = 0; i < sql.length(); i++) {
            if (l > line || (l == line && c >= column)) {
                return i;
            }
            if (sql.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return Math.max(0, sql.length() - 1);
    }

    private static String cleanDruidMessage(String message) {
        // Druid repeats the SQL text ("error in :'...'") and its offsets; keep the reason only
        String m = message.replaceAll("(?s)error in :'.*?',\\s*", "").replaceAll(",?\\s*pos \\d+, line \\d+, column \\d+", "");
        int sourceAt = m.indexOf("source sql is");
        return (sourceAt > 0 ? m.substring(0, sourceAt) : m).strip();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFD' ? '?' : c);
        }
        return b.toString();
    }

    static String shorten(String s) {
        if (s == null) {
            return "no details";
        }
        String flat = printable(s.replaceAll("\\s+", " ").strip());
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
    }

    /** UTF-8 length of {@code s}, counting stops early once it exceeds {@code limit}. */
    static long utf8Length(String s, long limit) {
        long n = 0;
        for (int i = 0; i < s.length() && n <= limit; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Collects the findings of the rule being run on the statement being checked (one instance per review). */
    private static final class Violations implements Rule.Violations {
        private Rule rule;
        private RuleLevel level;
        private Stmt statement;
        private List<Finding> findings;

        void statement(Stmt s, List<Finding> out) {
            this.statement = s;
            this.findings = out;
        }

        void rule(Rule r, RuleLevel l) {
            this.rule = r;
            this.level = l;
        }

        @Override
        public void report(String detail) {
            findings.add(new Finding(rule.id(), level, detail + " " + rule.fix(), statement.line, statement.column));
        }

        @Override
        public void report(String detail, String near) {
            int[] at = statement.positionOf(near);
            findings.add(new Finding(rule.id(), level, detail + " " + rule.fix(), at[0], at[1]));
        }
    }
}
