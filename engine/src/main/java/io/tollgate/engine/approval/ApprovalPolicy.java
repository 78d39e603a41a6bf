package io.tollgate.engine.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalRefusedException.Reason;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Four eyes and eligibility, in one place. Who may decide a step is read from Tollgate's accounts at the moment of
 * the decision (an enabled, unlocked account holding one of the step's groups, or one of its named people), never
 * the requester, and never the person who decided another step of the same round. Whether a ticket or change may
 * run is decided from the decisions recorded here, for the exact content that was approved.
 */
@Component
public class ApprovalPolicy {

    /**
     * The longest comment a decision takes, in characters (a DBA's resolution too): it is kept with the decision and
     * mailed with it. Longer is refused before anything is decided.
     */
    public static final int MAX_COMMENT = 2000;

    private final ApprovalDecisionRepository decisions;
    private final Accounts accounts;
    private final Clock clock;
    private final Map<String, Requests> requests;

    ApprovalPolicy(ApprovalDecisionRepository decisions, Accounts accounts, Clock clock, List<Requests> requests) {
        this.decisions = decisions;
        this.accounts = accounts;
        this.clock = clock;
        this.requests = requests.stream().collect(Collectors.toMap(Requests::processKey, r -> r));
    }

    /**
     * Who asked for each instance of a process, by business key, as Tollgate's rows record it (for the tasklist and
     * the mails); empty for processes that are not Tollgate's.
     */
    @Transactional(readOnly = true)
    public Map<String, String> requesters(String processKey, java.util.Collection<String> businessKeys) {
        Requests feature = processKey == null ? null : requests.get(processKey);
        return feature == null || businessKeys.isEmpty() ? Map.of() : feature.requesters(businessKeys);
    }

    @Transactional(readOnly = true)
    public Optional<String> requesterOf(String processKey, String businessKey) {
        Requests feature = processKey == null ? null : requests.get(processKey);
        return businessKey == null || feature == null ? Optional.empty() : feature.requesterOf(businessKey);
    }

    /** SHA-256 of the text, hex: the hash recorded with a review and with each approval. */
    public static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Why {@code comment} is too long for a decision ({@link #MAX_COMMENT}), or null when it fits. */
    public static String commentTooLong(String comment) {
        String text = comment == null ? "" : comment.strip();
        int length = text.codePointCount(0, text.length());
        return length <= MAX_COMMENT ? null
                : "the comment is longer than " + MAX_COMMENT + " characters (" + length + ")";
    }

    /**
     * The people who could take an approval offered to {@code groups} now: enabled, unlocked accounts holding the
     * role of one of the groups, never {@code requester}; sorted. What a submitter chooses a reviewer from; the
     * policy checks the chosen person again when the approval is offered to them and when they decide it.
     */
    @Transactional(readOnly = true)
    public List<String> eligible(java.util.Collection<String> groups, String requester) {
        java.util.TreeSet<String> people = new java.util.TreeSet<>();
        for (String group : groups) {
            Role.fromGroupId(group).ifPresent(role -> accounts.enabledWithRole(role).stream()
                    .filter(a -> !a.locked()).map(AccountView::username).forEach(people::add));
        }
        if (requester != null) {
            Hands hands = new Hands(accounts.credentialKeepers());
            people.removeIf(person -> hands.same(requester, person));
        }
        return List.copyOf(people);
    }

    /** Whether the person asked for it themselves (four eyes: they never decide on it, nor are offered it). */
    public boolean isRequester(ApprovalSubject subject, String person) {
        return person != null && person.equals(subject.requester());
    }

    /** Whether the person may decide the step now; {@link #requireMayDecide} says why not. */
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public boolean mayDecide(ApprovalSubject subject, String step, String person) {
        return whyNot(subject, step, person).isEmpty();
    }

    /**
     * Why the person may not decide the step now, or empty when they may: {@link #requireMayDecide}'s refusal in
     * words, for those who offer a task (the tasklist).
     */
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public Optional<String> whyNot(ApprovalSubject subject, String step, String person) {
        try {
            requireMayDecide(subject, step, person);
            return Optional.empty();
        } catch (ApprovalRefusedException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** A step of a subject that someone would decide, for {@link #whyNotEach}. */
    public record Ask(ApprovalSubject subject, String step) {
    }

    /**
     * {@link #whyNot} for several steps and one person, in the order asked, with one read of the person's account and
     * one of the subjects' decisions per kind: the tasklist's list, where a read per approval adds up.
     */
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public List<Optional<String>> whyNotEach(List<Ask> asks, String person) {
        Decider decider = new Decider(person);
        Map<String, List<RecordedDecision>> recorded = new HashMap<>();
        asks.stream().collect(Collectors.groupingBy(ask -> ask.subject().kind(),
                Collectors.mapping(ask -> ask.subject().id(), Collectors.toSet())))
                .forEach((kind, ids) -> decisions.findSubjects(kind, ids).forEach(entry -> recorded
                        .computeIfAbsent(roundKey(kind, entry.subjectId(), entry.subjectRound()),
                                key -> new ArrayList<>()).add(entry.toDecision())));
        List<Optional<String>> answers = new ArrayList<>(asks.size());
        for (Ask ask : asks) {
            ApprovalSubject subject = ask.subject();
            Round round = new Round(subject, recorded.getOrDefault(
                    roundKey(subject.kind(), subject.id(), subject.round()), List.of()));
            try {
                check(subject, ask.step(), decider, round);
                answers.add(Optional.empty());
            } catch (ApprovalRefusedException refused) {
                answers.add(Optional.of(refused.getMessage()));
            }
        }
        return answers;
    }

    private static String roundKey(String kind, String id, int round) {
        return kind + '\n' + id + '\n' + round;
    }

    /** Refuses unless the person may decide the step of this subject now. */
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public void requireMayDecide(ApprovalSubject subject, String step, String person) {
        check(subject, step, new Decider(person), new Round(subject, null));
    }

    /**
     * The groups the person decides with, or the refusal: eligible for the step, and the round not rejected; the
     * person's account and the round's decisions are read once, and only when the checks before them pass.
     */
    private Set<String> check(ApprovalSubject subject, String step, Decider person, Round round) {
        Set<String> groups = eligibleGroups(subject, step, person, round);
        requireNotRejected(subject, round);
        return groups;
    }

    /** Who decides, and their account (enabled and unlocked), read when first needed. */
    private final class Decider {
        private final String name;
        private Optional<AccountView> account;
        private Hands hands;

        /** Whose hands held which accounts' passwords, read once for all the person's checks. */
        Hands hands() {
            if (hands == null) {
                hands = new Hands(accounts.credentialKeepers());
            }
            return hands;
        }

        Decider(String name) {
            this.name = name;
        }

        Optional<AccountView> account() {
            if (account == null) {
                account = accounts.find(name).filter(a -> a.enabled() && !a.locked());
            }
            return account;
        }
    }

    /** The subject's recorded decisions, read when first needed (or as read for several subjects together). */
    private final class Round {
        private final ApprovalSubject subject;
        private List<RecordedDecision> decided;

        Round(ApprovalSubject subject, List<RecordedDecision> decided) {
            this.subject = subject;
            this.decided = decided;
        }

        List<RecordedDecision> decisions() {
            if (decided == null) {
                decided = ApprovalPolicy.this.decisions(subject);
            }
            return decided;
        }
    }

    /** A rejection ends its round where {@link ApprovalSubject#rejectionIsFinal}: nothing more is decided in it. */
    private void requireNotRejected(ApprovalSubject subject, Round round) {
        if (!subject.rejectionIsFinal()) {
            return;
        }
        round.decisions().stream().filter(d -> !d.approved()).findFirst().ifPresent(rejection -> {
            throw new ApprovalRefusedException(Reason.NOT_APPROVED, subject.describe() + " was rejected by "
                    + rejection.decider() + " in this round; a rejection is final, and only a new round (a"
                    + " resubmission) is decided again");
        });
    }

    /**
     * Records a decision after checking the person may take it; the caller's transaction commits both the decision
     * and the step it completes.
     */
    @Transactional
    public RecordedDecision decide(ApprovalSubject subject, String step, String person, boolean approved,
                                   String comment) {
        Set<String> groups = check(subject, step, new Decider(person), new Round(subject, null));
        ApprovalDecisionEntry entry = decisions.save(new ApprovalDecisionEntry(subject, step, person, groups,
                approved, comment == null || comment.isBlank() ? null : comment.strip(), clock.instant()));
        return entry.toDecision();
    }

    /** The decisions recorded for the subject's round, oldest first. */
    @Transactional(readOnly = true)
    public List<RecordedDecision> decisions(ApprovalSubject subject) {
        return decisions.findRound(subject.kind(), subject.id(), subject.round()).stream()
                .map(ApprovalDecisionEntry::toDecision).toList();
    }

    /**
     * Whether the recorded decisions approve the subject: for every required step the latest decision is an approval
     * of this content, by a person other than the requester who held the step's group (or was named) when deciding,
     * no person approved two steps, and, where a rejection is final ({@link ApprovalSubject#rejectionIsFinal}), no
     * decision of the round is a rejection.
     */
    @Transactional(readOnly = true)
    public ApprovalVerdict verdict(ApprovalSubject subject) {
        Map<String, RecordedDecision> latest = new HashMap<>();
        List<String> missing = new ArrayList<>();
        if (subject.required().isEmpty()) {
            // a subject nobody is asked to approve is never approved: no approval is not every approval
            missing.add("no approval of " + subject.describe() + " is defined");
        }
        for (RecordedDecision d : decisions(subject)) {
            latest.put(d.step(), d);
            if (!d.approved() && subject.rejectionIsFinal()) {
                // a rejection ends the round: no later decision of it (an admin's restart, say) undoes it
                missing.add(d.step() + " approval of " + subject.describe() + " was rejected by " + d.decider()
                        + " in this round; only a new round (a resubmission) is decided again");
            }
        }
        Map<String, String> stepByDecider = new HashMap<>();
        for (RequiredApproval required : subject.required()) {
            RecordedDecision d = latest.get(required.step());
            String what = required.step() + " approval of " + subject.describe();
            if (d == null) {
                missing.add("no " + what + " is recorded");
            } else if (!d.approved()) {
                if (!subject.rejectionIsFinal()) {
                    missing.add(what + " was rejected by " + d.decider());
                }
            } else if (!d.contentHash().equals(subject.contentHash())) {
                missing.add(what + " by " + d.decider() + " was given for other content than what would run");
            } else if (isRequester(subject, d.decider())) {
                missing.add(what + " was given by its requester " + d.decider());
            } else if (!required.admits(d.decider(), d.deciderGroups())) {
                missing.add(what + " was given by " + d.decider() + ", who was not " + required.describe());
            } else {
                String other = stepByDecider.putIfAbsent(d.decider(), required.step());
                if (other != null) {
                    missing.add(d.decider() + " gave both the " + other + " and the " + what
                            + "; they need two different people");
                }
            }
        }
        return new ApprovalVerdict(missing);
    }

    /** Refuses unless {@link #verdict} approves the subject; the refusal leaves the caller's transaction usable. */
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public void requireApproved(ApprovalSubject subject) {
        ApprovalVerdict verdict = verdict(subject);
        if (!verdict.approved()) {
            throw new ApprovalRefusedException(Reason.NOT_APPROVED, String.join("; ", verdict.missing()));
        }
    }

    private Set<String> eligibleGroups(ApprovalSubject subject, String step, Decider decider, Round round) {
        String person = decider.name;
        if (person == null || person.isBlank()) {
            throw new ApprovalRefusedException(Reason.NO_DECIDER, "a decision on " + subject.describe()
                    + " must be taken by a signed-in person");
        }
        if (isRequester(subject, person)) {
            throw new ApprovalRefusedException(Reason.REQUESTER, person + " requested " + subject.describe()
                    + " and cannot approve or reject it (four eyes)");
        }
        if (subject.requester() != null && decider.hands().same(subject.requester(), person)) {
            throw new ApprovalRefusedException(Reason.REQUESTER, decider.hands().why(subject.requester(), person)
                    + ", who requested " + subject.describe() + ": they cannot approve or reject it through that"
                    + " account (four eyes); someone whose password they never set decides it");
        }
        RequiredApproval required = subject.step(step).orElseThrow(() -> new ApprovalRefusedException(
                Reason.UNKNOWN_STEP, subject.describe() + " needs no " + step + " approval"));
        Optional<AccountView> account = decider.account();
        Set<String> groups = account.map(a -> a.roles().stream().map(Role::groupId).collect(Collectors.toSet()))
                .orElse(Set.of());
        if (account.isEmpty() || !required.admits(person, groups)) {
            throw new ApprovalRefusedException(Reason.NOT_ELIGIBLE, person + " may not give the " + step
                    + " approval of " + subject.describe() + ": it needs " + required.describe());
        }
        for (RecordedDecision d : round.decisions()) {
            if (d.approved() && !d.step().equals(step) && subject.step(d.step()).isPresent()) {
                if (d.decider().equals(person)) {
                    throw new ApprovalRefusedException(Reason.SAME_PERSON, person + " already gave the " + d.step()
                            + " approval of " + subject.describe() + "; the " + step + " approval needs someone else");
                }
                if (decider.hands().same(d.decider(), person)) {
                    throw new ApprovalRefusedException(Reason.SAME_PERSON, decider.hands().why(d.decider(), person)
                            + ", and " + d.decider() + " already gave the " + d.step() + " approval of "
                            + subject.describe() + "; the " + step + " approval needs someone whose password neither"
                            + " set");
                }
            }
        }
        return groups;
    }

    /**
     * Four eyes across accounts (ADR 0068): every admin who ever set a local account's password (created it, or reset
     * it) held that account, and so did whoever set theirs; two names are one pair of hands when either holds the
     * other. A helper, as admin, created a reviewer account and approved their own ticket with it, and reset a real
     * reviewer's password and approved as them. Only the admins' acts on the accounts decide, never what the person
     * later chose (the admin can choose that too, as the person), and no later act takes a keeper away (another
     * helper had a puppet admin reset its own password, which a single "set by" forgot).
     */
    static final class Hands {
        private final Map<String, java.util.Set<String>> keepers;

        Hands(Map<String, java.util.Set<String>> keepers) {
            this.keepers = keepers;
        }

        /** The account and everyone who held it, nearest first, each with whom they held it through (for words). */
        private Map<String, String> held(String account) {
            Map<String, String> through = new java.util.LinkedHashMap<>();
            java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>();
            through.put(account, null);
            next.add(account);
            while (!next.isEmpty()) {
                String name = next.poll();
                for (String keeper : keepers.getOrDefault(name, java.util.Set.of())) {
                    if (!through.containsKey(keeper)) {
                        through.put(keeper, name);
                        next.add(keeper);
                    }
                }
            }
            return through;
        }

        /** The account and everyone who held it, nearest first. */
        List<String> holders(String account) {
            return List.copyOf(held(account).keySet());
        }

        boolean same(String one, String other) {
            return one != null && other != null
                    && (held(one).containsKey(other) || held(other).containsKey(one));
        }

        /** Why two names that are {@link #same} are one pair of hands, in words: whose password was set by whom. */
        String why(String one, String other) {
            boolean otherHeld = held(other).containsKey(one);
            Map<String, String> through = otherHeld ? held(other) : held(one);
            List<String> path = new ArrayList<>();
            for (String name = otherHeld ? one : other; name != null; name = through.get(name)) {
                path.add(0, name);
            }
            StringBuilder words = new StringBuilder(path.get(0) + "'s password was set by " + path.get(1));
            for (int i = 2; i < path.size(); i++) {
                words.append(", whose password was set by ").append(path.get(i));
            }
            return words.toString();
        }
    }
}
