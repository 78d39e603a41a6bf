package io.tollgate.engine.review;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
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
final class BuiltInSqlReviewer implements SqlReviewer {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSqlReviewer.class);
    private static final Pattern DRUID_POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final int MAX_MESSAGE = 300;

    private final ReviewProperties properties;
    private final RuleLevelSource levels;
    private final TargetMetadataFactory targets;

    BuiltInSqlReviewer(ReviewProperties properties, RuleLevelSource levels, TargetMetadataFactory targets) {
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
        List<Stmt> statements = parse(sql);
        if (statements.isEmpty()) {
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
            return review(statements, request, effective, target, unreachable);
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    private ReviewResult review(List<Stmt> statements, ReviewRequest request, RuleLevel[] effective, TargetMetadata target,
                                String unreachable) {
        ReviewRun run = new ReviewRun(properties, request.environment(), new SchemaState(target), statements, request.database());
        List<StatementReview> reviews = new ArrayList<>(statements.size());
        List<SchemaState.Table> altered = new ArrayList<>();
        int errors = 0;
        int warnings = 0;
        for (Stmt s : statements) {
            List<Finding> findings = new ArrayList<>(2);
            if (unreachable != null && s.index == 0) {
                add(findings, effective, "target.unreachable", unreachable, s.line, s.column);
            }
            if (s.ast == null) {
                add(findings, effective, "stmt.syntax-error", s.parseError + " " + RuleRegistry.byId("stmt.syntax-error").fix(),
                        s.errorLine, s.errorColumn);
                s.reversibility = Reversibility.IRREVERSIBLE;
            } else {
                check(s, run, target, effective, findings);
                if (RiskAssessor.altersTable(s)) {
                    SchemaState.Table t = IndexRules.table(s, run);
                    if (t != null) {
                        altered.add(t);
                    }
                }
                try {
                    SchemaEffects.apply(s, run);
                } catch (RuntimeException e) {
                    log.warn("could not apply statement {} to the script's schema view", s.index, e);
                }
            }
            for (Finding f : findings) {
                if (f.level() == RuleLevel.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
            }
            reviews.add(new StatementReview(s.index, s.line, s.column, s.sql, s.kind, List.copyOf(findings), s.rows, s.reversibility));
        }
        RiskLevel risk = RiskAssessor.assess(statements, run, altered);
        String message = statements.size() + (statements.size() == 1 ? " statement, " : " statements, ") + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings") + "; risk " + risk;
        return new ReviewResult(false, message, List.copyOf(reviews), risk, errors, warnings);
    }

    private void check(Stmt s, ReviewRun run, TargetMetadata target, RuleLevel[] effective, List<Finding> findings) {
        try {
            RowEstimator.estimate(s, run, target);
        } catch (RuntimeException e) {
            s.explainError = shorten(e.getMessage());
        }
        s.reversibility = Reversibilities.of(s, run);
        List<Rule> rules = RuleRegistry.ALL;
        for (int i = 0; i < rules.size(); i++) {
            RuleLevel level = effective[i];
            if (level == RuleLevel.OFF) {
                continue;
            }
            Rule rule = rules.get(i);
            Violations v = new Violations(rule, level, s, findings);
            try {
                rule.check().check(s, run, v);
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("rule {} failed on statement {}", rule.id(), s.index, e);
                findings.add(new Finding(rule.id(), RuleLevel.WARNING, "Rule " + rule.id()
                        + " could not check this statement (" + e.getClass().getSimpleName() + "); review it by hand.", s.line, s.column));
            }
        }
    }

    private static void add(List<Finding> findings, RuleLevel[] effective, String ruleId, String message, int line, int column) {
        RuleLevel level = effective[RuleRegistry.indexOf(ruleId)];
        if (level != RuleLevel.OFF) {
            findings.add(new Finding(ruleId, level, message, line, column));
        }
    }

    private RuleLevel[] effectiveLevels(Environment environment) {
        List<Rule> rules = RuleRegistry.ALL;
        RuleLevel[] out = new RuleLevel[rules.size()];
        Map<String, RuleLevel> overrides = levels.overrides(environment);
        for (int i = 0; i < out.length; i++) {
            out[i] = overrides.getOrDefault(rules.get(i).id(), rules.get(i).defaultLevel());
        }
        return out;
    }

    /** Splits and parses; a statement that does not parse keeps the error and its position. */
    static List<Stmt> parse(String script) {
        List<ScriptSplitter.Piece> pieces = ScriptSplitter.split(script);
        List<Stmt> out = new ArrayList<>(pieces.size());
        for (ScriptSplitter.Piece p : pieces) {
            out.add(parse(out.size(), p));
        }
        return out;
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
            Stmt probe = new Stmt(index, p.sql(), p.line(), p.column(), null, null, 0, 0);
            String problem = parsed.isEmpty() ? "no statement found" : parsed.size() + " statements found where one was expected (missing delimiter?)";
            return new Stmt(index, p.sql(), p.line(), p.column(), null,
                    "Syntax error at line " + probe.line + ", column " + probe.column + ": " + problem + ".", p.line(), p.column());
        } catch (RuntimeException | StackOverflowError e) {
            Stmt probe = new Stmt(index, p.sql(), p.line(), p.column(), null, null, 0, 0);
            int[] at = {p.line(), p.column()};
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
            return new Stmt(index, probe.sql, probe.line, probe.column, null, text, at[0], at[1]);
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

    /** Collects one rule's findings on one statement. */
    private static final class Violations implements Rule.Violations {
        private final Rule rule;
        private final RuleLevel level;
        private final Stmt statement;
        private final List<Finding> findings;

        Violations(Rule rule, RuleLevel level, Stmt statement, List<Finding> findings) {
            this.rule = rule;
            this.level = level;
            this.statement = statement;
            this.findings = findings;
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
