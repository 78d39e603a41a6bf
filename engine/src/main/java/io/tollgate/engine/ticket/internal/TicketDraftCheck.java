package io.tollgate.engine.ticket.internal;

import static io.tollgate.engine.ticket.Tickets.MAX_SQL_CHARS;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.SqlScripts;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.ticket.TicketDraft;
import org.springframework.stereotype.Component;

/**
 * Checks a ticket before anything of it is recorded: every problem of the draft at once (title, a registered
 * instance that Tollgate may execute on and that routes to a reviewer group, database, SQL, reason, mode), or of a
 * resubmission's SQL.
 */
@Component
public class TicketDraftCheck {

    private static final int MAX_TITLE = TicketDraft.MAX_TITLE;
    private static final int MAX_REASON = TicketDraft.MAX_REASON;

    private static final String BROKEN_CHARACTER = "the %s holds a broken character (half of a UTF-16 pair, which no"
            + " database column or mail can hold as written)";

    /** Half of a surrogate pair on its own: what no column stores as sent. */
    static boolean brokenCharacter(String text) {
        return text.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    /** How many of the people who could review a refusal names. */
    private static final int NAMED_REVIEWERS = 10;

    private final TargetInstances instances;
    private final ApprovalPolicy policy;
    private final Clock clock;

    TicketDraftCheck(TargetInstances instances, ApprovalPolicy policy, Clock clock) {
        this.instances = instances;
        this.policy = policy;
        this.clock = clock;
    }

    /** The draft's instance, when the draft has no problem; else every problem, as one refusal. */
    InstanceView check(TicketDraft draft, String submitter) {
        if (draft == null) {
            throw new InvalidTicketException(List.of("the ticket is empty"));
        }
        List<String> problems = new ArrayList<>();
        // the fields the problems are about: named in the refusal when they are all about one
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        if (io.tollgate.engine.PrintableText.saysNothing(draft.title())) {
            problems.add("a title is required");
        } else if (draft.title().strip().length() > MAX_TITLE) {
            problems.add("the title is longer than " + MAX_TITLE + " characters");
        } else if (draft.title().strip().codePoints().anyMatch(Character::isISOControl)) {
            problems.add("the title is one line of text: no line breaks, tabs or other control characters");
        } else if (brokenCharacter(draft.title())) {
            problems.add(BROKEN_CHARACTER.formatted("title"));
        }
        about(fields, problems, 0, "title");
        int before = problems.size();
        InstanceView instance = null;
        if (blank(draft.instance())) {
            problems.add("an instance is required");
        } else {
            instance = instances.find(draft.instance().strip()).orElse(null);
            if (instance == null) {
                problems.add("no instance named '" + draft.instance().strip() + "' is registered");
            } else if (instance.readOnly()) {
                problems.add("instance " + instance.name() + " is read-only: Tollgate does not execute on it");
            } else if (blank(instance.reviewerGroup())) {
                problems.add("instance " + instance.name() + " has no reviewer group; ask an admin to set one");
            }
        }
        about(fields, problems, before, "instance");
        before = problems.size();
        if (blank(draft.database())) {
            problems.add("a database is required");
        } else if (!ReviewRequest.DATABASE_NAME.matcher(draft.database().strip()).matches()) {
            problems.add("the database must be " + ReviewRequest.DATABASE_NAME_RULE);
        }
        about(fields, problems, before, "database");
        before = problems.size();
        sqlProblems(draft.sql(), problems);
        about(fields, problems, before, "sql");
        before = problems.size();
        if (io.tollgate.engine.PrintableText.saysNothing(draft.reason())) {
            problems.add("a reason is required");
        } else if (draft.reason().strip().length() > MAX_REASON) {
            problems.add("the reason is longer than " + MAX_REASON + " characters");
        } else if (draft.reason().codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n'
                && cp != '\r' && cp != '\t')) {
            problems.add("the reason may hold line breaks and tabs, but no other control characters (a terminal's"
                    + " escape codes, a NUL)");
        } else if (brokenCharacter(draft.reason())) {
            problems.add(BROKEN_CHARACTER.formatted("reason"));
        }
        about(fields, problems, before, "reason");
        before = problems.size();
        if (draft.mode() == null) {
            problems.add("an execution mode is required");
            about(fields, problems, before, "mode");
            before = problems.size();
        } else if (draft.mode() == ExecutionMode.SCHEDULED) {
            if (draft.scheduledAt() == null) {
                problems.add("a scheduled ticket needs the time to execute at");
            } else if (!draft.scheduledAt().isAfter(clock.instant())) {
                problems.add("the scheduled time " + draft.scheduledAt() + " is not in the future");
            } else if (draft.scheduledAt().isAfter(clock.instant().plus(TicketDraft.MAX_SCHEDULED_AHEAD))) {
                problems.add("the scheduled time " + draft.scheduledAt() + " is more than "
                        + TicketDraft.MAX_SCHEDULED_AHEAD.toDays() + " days ahead: schedule it within a year");
            }
        } else if (draft.scheduledAt() != null) {
            // taken as given, it would run right after its approval (or on confirmation) while its submitter waits
            // for the time they asked for
            problems.add("a time to execute at (" + draft.scheduledAt() + ") is for mode " + ExecutionMode.SCHEDULED
                    + " only, and this ticket's mode is " + draft.mode() + ": choose " + ExecutionMode.SCHEDULED
                    + " to run it then, or leave the time out");
        }
        about(fields, problems, before, "scheduledAt");
        before = problems.size();
        if (!blank(draft.reviewer()) && instance != null && !blank(instance.reviewerGroup())) {
            reviewerProblem(draft.reviewer().strip(), instance, submitter).ifPresent(problems::add);
        }
        about(fields, problems, before, "reviewer");
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems, fields.size() == 1 ? fields.iterator().next() : null);
        }
        return instance;
    }

    /** Notes {@code field} when problems were added since {@code before} (and only {@code field} once). */
    private static void about(java.util.Set<String> fields, List<String> problems, int before, String field) {
        if (problems.size() > before) {
            fields.add(field);
        }
    }

    /** {@code Tickets.reviewersFor}: the people who could take the reviewer approval of a ticket on the instance. */
    List<String> reviewersFor(String instance, String submitter) {
        return instance == null || instance.isBlank() ? List.of() : instances.find(instance.strip())
                .filter(found -> !blank(found.reviewerGroup()))
                .map(found -> policy.eligible(List.of(found.reviewerGroup()), submitter)).orElse(List.of());
    }

    /** Why {@code reviewer} cannot be asked to review a ticket on {@code instance}, if they cannot. */
    private java.util.Optional<String> reviewerProblem(String reviewer, InstanceView instance, String submitter) {
        if (reviewer.equals(submitter)) {
            return java.util.Optional.of("you cannot ask yourself to review your own ticket (four eyes)");
        }
        List<String> eligible = policy.eligible(List.of(instance.reviewerGroup()), submitter);
        if (eligible.contains(reviewer)) {
            return java.util.Optional.empty();
        }
        String some = String.join(", ", eligible.subList(0, Math.min(NAMED_REVIEWERS, eligible.size())))
                + (eligible.size() > NAMED_REVIEWERS ? ", ..." : "");
        return java.util.Optional.of("'" + (reviewer.length() > 100 ? reviewer.substring(0, 100) + "..." : reviewer)
                + "' cannot review tickets on " + instance.name() + (eligible.isEmpty()
                ? ": nobody can at the moment (reviewer group '" + instance.reviewerGroup() + "')"
                : "; ask one of: " + some));
    }

    static void sqlProblems(String sql, List<String> problems) {
        if (blank(sql)) {
            problems.add("the SQL is required");
        } else if (sql.length() > MAX_SQL_CHARS) {
            problems.add(String.format(Locale.ROOT, "the SQL has %,d characters; a ticket takes at most %,d: split it"
                    + " into several tickets", sql.length(), MAX_SQL_CHARS));
        } else if (SqlScripts.statements(sql).isEmpty()) {
            problems.add("the SQL contains no statements");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
