package io.tollgate.engine.goinception;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.integrations.goinception.GoInceptionRow;

/**
 * Lays goInception's rows onto Tollgate's split of the script and merges them with the built-in findings.
 * <ul>
 *   <li>a row lands on the statement whose text it has (whitespace and a trailing ';' aside), searching forward from
 *       the last match; a row that starts with a statement's text but holds more (goInception merged the rest of
 *       the script after a syntax error) lands on that statement and on every later statement it contains;</li>
 *   <li>a row matching nothing lands on the next statement not yet matched (or the last one), quoting its text;</li>
 *   <li>the {@code use} row Tollgate adds for the default database lands on the first statement if it has findings;</li>
 *   <li>a statement no row covers gets an ERROR: goInception did not check it, so it does not pass;</li>
 *   <li>level 1 is a WARNING, 2 an ERROR, 0 (passed) adds nothing; each line of a row's message is one finding,
 *       labelled with its source by the rule id {@code goinception.*};</li>
 *   <li>BOTH keeps all built-in findings; GOINCEPTION keeps only the built-in {@code execution.*} findings (what the
 *       executor would refuse); errors of either side block, so the stricter level wins;</li>
 *   <li>goInception's affected-row estimate replaces a smaller one, and the risk rises with it.</li>
 * </ul>
 */
final class MergedReview {

    static final String SOURCE_PREFIX = "goinception.";
    private static final long MODERATE_ROWS = 1_000;

    private MergedReview() {
    }

    static ReviewResult merge(ReviewResult builtIn, List<GoInceptionRow> rows, String database, ReviewBackend backend,
                              long maxAffectedRows) {
        List<StatementReview> statements = builtIn.statements();
        int n = statements.size();
        List<List<Finding>> findings = new ArrayList<>();
        List<RowEstimate> estimates = new ArrayList<>();
        boolean[] covered = new boolean[n];
        for (StatementReview s : statements) {
            List<Finding> kept = new ArrayList<>();
            for (Finding f : s.findings()) {
                if (backend.usesBuiltInRules() || f.ruleId().startsWith("execution.")) {
                    kept.add(f);
                }
            }
            findings.add(kept);
            estimates.add(s.rows());
        }
        List<String> texts = statements.stream().map(s -> normalize(s.sql())).toList();
        int cursor = 0;
        boolean first = true;
        for (GoInceptionRow row : rows) {
            String text = normalize(row.sql());
            if (first && database != null && !database.isBlank() && isUse(text, database)
                    && (n == 0 || !texts.get(0).equals(text))) {
                first = false;
                if (n > 0) {
                    add(findings.get(0), row, statements.get(0), "on use `" + database + "`: ");
                }
                continue;
            }
            first = false;
            if (n == 0) {
                continue;
            }
            int match = -1;
            boolean merged = false;
            for (int i = cursor; i < n && match < 0; i++) {
                if (texts.get(i).equals(text)) {
                    match = i;
                }
            }
            for (int i = cursor; i < n && match < 0; i++) {
                if (!texts.get(i).isEmpty() && text.startsWith(texts.get(i))) {
                    match = i;
                    merged = true;
                }
            }
            if (match < 0) {
                int at = Math.min(cursor, n - 1);
                add(findings.get(at), row, statements.get(at), "on \"" + shorten(row.sql()) + "\": ");
                covered[at] = true;
                cursor = Math.min(at + 1, n);
                continue;
            }
            int last = match;
            if (merged) {
                for (int i = match + 1; i < n && text.contains(texts.get(i)); i++) {
                    last = i;
                }
            }
            for (int i = match; i <= last; i++) {
                add(findings.get(i), row, statements.get(i), i == match ? "" : "in the text it checked with the"
                        + " previous statement: ");
                covered[i] = true;
                if (row.affectedRows() > 0 && (estimates.get(i) == null || estimates.get(i).rows() < row.affectedRows())) {
                    estimates.set(i, new RowEstimate(row.affectedRows(), RowEstimate.Kind.ESTIMATE, "goInception"));
                }
            }
            cursor = last + 1;
        }
        List<StatementReview> out = new ArrayList<>();
        int errors = 0;
        int warnings = 0;
        RiskLevel risk = builtIn.risk();
        for (int i = 0; i < n; i++) {
            StatementReview s = statements.get(i);
            if (!covered[i]) {
                findings.get(i).add(new Finding(SOURCE_PREFIX + "unchecked", RuleLevel.ERROR,
                        "goInception: returned no result for this statement, so it was not checked", s.line(), s.column()));
            }
            for (Finding f : findings.get(i)) {
                errors += f.level() == RuleLevel.ERROR ? 1 : 0;
                warnings += f.level() == RuleLevel.WARNING ? 1 : 0;
            }
            RowEstimate rowsOf = estimates.get(i);
            if (rowsOf != null && rowsOf.rows() > maxAffectedRows) {
                risk = RiskLevel.HIGH;
            } else if (rowsOf != null && rowsOf.rows() > MODERATE_ROWS && risk == RiskLevel.LOW) {
                risk = RiskLevel.MODERATE;
            }
            out.add(new StatementReview(s.index(), s.line(), s.column(), s.sql(), s.kind(), List.copyOf(findings.get(i)),
                    rowsOf, s.reversibility()));
        }
        String message = n + (n == 1 ? " statement, " : " statements, ") + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning" : " warnings") + "; risk " + risk.name().toLowerCase(java.util.Locale.ROOT) + "; reviewed by "
                + (backend == ReviewBackend.BOTH ? "Tollgate's rules and goInception" : "goInception");
        return new ReviewResult(false, message, out, risk, errors, warnings);
    }

    private static void add(List<Finding> to, GoInceptionRow row, StatementReview s, String where) {
        if (row.errorLevel() == 0) {
            return;
        }
        RuleLevel level = row.errorLevel() >= 2 ? RuleLevel.ERROR : RuleLevel.WARNING;
        String id = SOURCE_PREFIX + (level == RuleLevel.ERROR ? "error" : "warning");
        String message = row.errorMessage() == null || row.errorMessage().isBlank()
                ? (level == RuleLevel.ERROR ? "error" : "warning") + " without a message" : row.errorMessage();
        for (String line : message.split("\\R")) {
            if (!line.isBlank()) {
                to.add(new Finding(id, level, "goInception: " + where + line.strip(), s.line(), s.column()));
            }
        }
    }

    private static boolean isUse(String text, String database) {
        String t = text.toLowerCase(Locale.ROOT);
        String db = database.toLowerCase(Locale.ROOT);
        return t.equals("use `" + db.replace("`", "``") + "`") || t.equals("use " + db);
    }

    static String normalize(String sql) {
        String s = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static String shorten(String sql) {
        String s = normalize(sql);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
