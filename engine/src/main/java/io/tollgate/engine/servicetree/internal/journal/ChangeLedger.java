package io.tollgate.engine.servicetree.internal.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeFilter;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.Verification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit trail of service-tree changes. Called by the process steps (delegates, listeners) and the use
 * case; each write joins the caller's transaction, so a step and its record commit or roll back together.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class ChangeLedger {

    private final ChangeEntryRepository entries;
    private final ChangeNotices notices;
    private final Clock clock;
    private final ChangeWatch watch;

    ChangeLedger(ChangeEntryRepository entries, ChangeNotices notices, Clock clock, ChangeWatch watch) {
        this.watch = watch;
        this.entries = entries;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * The largest change, as JSON, that is recorded at all: the node data one change may write, and room for its
     * names and ids. Anything larger could never be valid.
     */
    static final int MAX_CHANGE_JSON_BYTES = io.tollgate.integrations.servicetree.TreeLimits.MAX_CHANGE_BYTES
            + 64 * 1024;

    /**
     * Refuses a change larger than any valid one could be, before anything is recorded: a refused change's row keeps
     * what was asked, and a few hundred 3 MB attempts once made a list of changes run the application out of memory.
     */
    public static void requireRecordable(ServiceTreeChange change) {
        int bytes = ChangeJson.write(change).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_CHANGE_JSON_BYTES) {
            throw new io.tollgate.engine.InvalidRequestException("change", String.format(java.util.Locale.ROOT,
                    "the change is %d KiB as JSON, more than any change may write (%d KiB of node data): nothing was"
                    + " recorded; split it into smaller changes", (bytes + 1023) / 1024,
                    io.tollgate.integrations.servicetree.TreeLimits.MAX_CHANGE_BYTES / 1024));
        }
    }

    /** Statuses in which a change is still open: waiting for approval, its apply, or its requester. */
    static final java.util.Set<ChangeStatus> OPEN = java.util.EnumSet.of(ChangeStatus.PENDING_APPROVAL,
            ChangeStatus.APPROVED, ChangeStatus.CONFLICT);

    /** Records a new change; refused when its requester has {@code maxOpen} changes open already. */
    public void requested(ServiceTreeChange change, int maxOpen) {
        if (entries.existsById(change.meta().changeId())) {
            throw new NotAllowedException("change " + change.meta().changeId() + " was requested already");
        }
        String requester = change.meta().requester();
        long open = entries.countByRequesterAndStatusIn(requester, OPEN);
        if (open >= maxOpen) {
            throw new NotAllowedException(requester + " has " + open + " service-tree changes open (waiting for"
                    + " approval, their apply, or a decision after a conflict), the most one person may have"
                    + " (tollgate.service-tree.audit.max-open-per-requester): withdraw some, or wait until they are"
                    + " decided");
        }
        entries.save(newEntry(change));
    }

    private ChangeEntry newEntry(ServiceTreeChange change) {
        Instant now = clock.instant();
        ChangeEntry entry = new ChangeEntry(change.meta().changeId(), ChangeJson.kindOf(change), change.nodeId(),
                change.meta().requester(), change.meta().reason(), ChangeJson.write(change), now);
        entry.record(ChangeEventType.REQUESTED, change.meta().requester(), change.meta().reason(), null, now);
        return entry;
    }

    /** The change's entry: only a change requested through Tollgate has one, and only such a change goes on. */
    private ChangeEntry entry(ServiceTreeChange change) {
        return entry(change.meta().changeId());
    }

    public ChangeEntry entry(String changeId) {
        return entries.findById(changeId).orElseThrow(() -> new NotAllowedException("no change " + changeId
                + " was requested through Tollgate"));
    }

    public void validated(ChangePlan plan, String processInstanceId) {
        ChangeEntry entry = requireValidatable(plan.change());
        NodeView subject = !plan.after().isEmpty() ? plan.after().get(0)
                : !plan.before().isEmpty() ? plan.before().get(0) : null;
        entry.validated(subject == null ? null : subject.node().id(), subject == null ? null : subject.path(),
                plan.critical(), plan.diff(), processInstanceId);
        move(entry, ChangeStatus.PENDING_APPROVAL);
        entry.approvers(plan.approvers());
        String planJson = ChangeJson.write(plan);
        entry.plan(planJson, ApprovalPolicy.hash(planJson));
        entry.record(ChangeEventType.VALIDATED, null, "approvers: " + String.join(", ", plan.approvers()),
                plan.diff(), clock.instant());
    }

    public void refused(ChangePlan plan, String processInstanceId) {
        ChangeEntry entry = requireValidatable(plan.change());
        entry.validated(null, null, plan.critical(), null, processInstanceId);
        move(entry, ChangeStatus.REFUSED_INVALID);
        entry.record(ChangeEventType.REFUSED_INVALID, null, "the change breaks the tree's rules",
                String.join("\n", plan.violations()), clock.instant());
    }

    /** An approval decision; {@code final} when no further approval follows. */
    public void decided(String changeId, String decider, boolean approved, String comment, boolean last) {
        ChangeEntry entry = entry(changeId);
        entry.record(approved ? ChangeEventType.APPROVED : ChangeEventType.REJECTED, decider, comment, null,
                clock.instant());
        if (!approved) {
            move(entry, ChangeStatus.REJECTED);
            notices.rejected(entry, decider, comment);
        } else if (last) {
            move(entry, ChangeStatus.APPROVED);
            notices.approved(entry, decider);
        }
    }

    /** The gate refused to apply the change: nothing was applied; the requester and the approvers hear why. */
    public void applyRefused(String changeId, String why) {
        ChangeEntry entry = entry(changeId);
        move(entry, ChangeStatus.CONFLICT);
        entry.record(ChangeEventType.APPLY_REFUSED, null, "applied without the recorded approvals: refused", why,
                clock.instant());
        notices.conflicted(entry);
    }

    /**
     * The change's apply is over without its record ({@code why}: the node holding its job stopped, say; issue 16): its
     * job is released for the next node, which applies the change or finds it applied (the change id's marker in
     * ZooKeeper). The status stays APPROVED until then.
     */
    public void applyInterrupted(String changeId, String why) {
        ChangeEntry entry = entry(changeId);
        entry.record(ChangeEventType.APPLY_INTERRUPTED, null, "(" + why + ")",
                "the apply is handed to the next node", clock.instant());
        watch.changed(changeId);
    }

    /** A step of the change's process ran out of retries: the change shows it; the SREs and the requester hear of it. */
    public void stuck(String changeId, String step, String reason) {
        // called while Camunda records its incident: nothing here may fail that (see TicketJournal.stuck)
        ChangeEntry entry = entries.findById(changeId).orElse(null);
        if (entry == null) {
            return;
        }
        String why = reason == null ? "" : reason.length() > 3900 ? reason.substring(0, 3900) + "…" : reason;
        entry.stuck(step.length() > 255 ? step.substring(0, 255) : step, why);
        entry.record(ChangeEventType.STEP_STUCK, null, "\"" + step + "\" failed after all its retries; nothing moves"
                + " until an SRE retries it", why, clock.instant());
        notices.stuck(entry, step, why);
        watch.changed(changeId);
    }

    /** The stuck step was given another try by {@code actor} ({@code null}: by Tollgate itself). */
    public void stepRetried(String changeId, String step, String actor) {
        ChangeEntry entry = entries.findById(changeId).orElse(null);
        if (entry == null) {
            return;
        }
        entry.stuck(null, null);
        entry.record(ChangeEventType.STEP_RETRIED, actor, "\"" + step + "\" runs again", null, clock.instant());
        watch.changed(changeId);
    }

    /** The stuck step's job is gone without a retry (its process was deleted): the change stops showing it. */
    public void stepGone(String changeId) {
        entries.findById(changeId).ifPresent(entry -> {
            entry.stuck(null, null);
            watch.changed(changeId);
        });
    }

    /**
     * The change's process was ended in the engine (an admin deleted it or moved it to an end in Cockpit) while the
     * change waited for it, and starts anew; {@code why} goes in its history.
     */
    public void processRestarted(String changeId, String why) {
        ChangeEntry entry = entry(changeId);
        entry.stuck(null, null);
        entry.record(ChangeEventType.PROCESS_RESTARTED, null, "its process was ended in the engine (Cockpit)", why,
                clock.instant());
        watch.changed(changeId);
    }

    public void reminded(String changeId, String approvers) {
        ChangeEntry entry = entry(changeId);
        entry.record(ChangeEventType.REMINDED, null, "approvers reminded", approvers, clock.instant());
        notices.remind(entry, entry.requestedAt());
    }

    /**
     * The change is applied: recorded and told once, when its row first says so. An apply found later (a replayed job,
     * or the look for interrupted applies after a crash between ZooKeeper's commit and the database's) records nothing
     * twice; the first record of a replay says "applied by an earlier attempt" and mails, as that attempt's mail was
     * rolled back with its transaction.
     */
    public void applied(ApplyResult result) {
        ChangeEntry entry = entry(result.changeId());
        if (entry.status() == ChangeStatus.APPLIED) {
            return;
        }
        entry.applied(result.appliedAt());
        move(entry, ChangeStatus.APPLIED);
        entry.record(ChangeEventType.APPLIED, null, result.replayed() ? "applied by an earlier attempt" : null, null,
                clock.instant());
        notices.applied(entry);
    }

    public void conflict(ApplyResult result) {
        ChangeEntry entry = entry(result.changeId());
        move(entry, ChangeStatus.CONFLICT);
        entry.record(ChangeEventType.CONFLICT, null, "the tree changed since the validation", result.message(),
                clock.instant());
        notices.conflicted(entry);
    }

    public void verified(Verification verification) {
        ChangeEntry entry = entry(verification.changeId());
        entry.verified(ChangeJson.write(verification.before()), ChangeJson.write(verification.after()),
                ChangeJson.write(verification.versions()));
        entry.record(ChangeEventType.VERIFIED, null,
                verification.matchesPlan() ? "the tree matches the plan" : "the tree differs from the plan",
                ChangeJson.write(verification.versions()), verification.verifiedAt());
    }

    public void withdrawn(String changeId) {
        ChangeEntry entry = entry(changeId);
        move(entry, ChangeStatus.WITHDRAWN);
        entry.record(ChangeEventType.WITHDRAWN, entry.requester(), null, null, clock.instant());
    }

    /**
     * The change's process was moved to its withdrawal in the engine, not by its requester: {@code actor} (the
     * engine's signed-in user, an admin in Cockpit; null when nobody was) ended it, and the history says so.
     */
    public void withdrawnInEngine(String changeId, String actor) {
        ChangeEntry entry = entry(changeId);
        if (entry.status() != ChangeStatus.PENDING_APPROVAL && entry.status() != ChangeStatus.CONFLICT) {
            throw new NotAllowedException("change " + changeId + " is " + entry.status() + ": a withdrawal ends a"
                    + " change waiting for approval or for its requester after a conflict, and an admin's move to it in"
                    + " the engine is refused");
        }
        move(entry, ChangeStatus.WITHDRAWN);
        entry.record(ChangeEventType.WITHDRAWN, actor, "ended by " + (actor == null ? "the engine"
                : actor + "'s action in the engine (Cockpit)") + ", not withdrawn by its requester "
                + entry.requester(), null, clock.instant());
    }

    public void expired(String changeId) {
        ChangeEntry entry = entry(changeId);
        move(entry, ChangeStatus.EXPIRED);
        entry.record(ChangeEventType.EXPIRED, null, "not decided in time", null, clock.instant());
    }

    /** Every status the ledger writes goes through here, so that a caller waiting on the change hears of it. */
    /**
     * The change, which must be waiting for its approval (just requested, or started anew) or for its requester after a
     * conflict: a validation of a change past that would open a new round on a change that was rejected, applied,
     * withdrawn or expired (a helper's finding: a process owner's model called the validation with a fixed business
     * key), so it is refused and changes nothing.
     */
    private ChangeEntry requireValidatable(ServiceTreeChange change) {
        ChangeEntry entry = entry(change);
        if (entry.status() != ChangeStatus.PENDING_APPROVAL && entry.status() != ChangeStatus.CONFLICT) {
            throw new NotAllowedException("change " + entry.changeId() + " is " + entry.status() + ": a validation"
                    + " runs on a change requested in Tollgate or sent back after a conflict, and a validation of it"
                    + " from another process or an admin's move to it in the engine is refused");
        }
        return entry;
    }

    private void move(ChangeEntry entry, ChangeStatus status) {
        entry.status(status);
        watch.changed(entry.changeId());
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<ChangeEntry> find(String changeId) {
        return entries.findById(changeId);
    }

    /** Changes about the node, newest first, as lists show them ({@link ChangeEntryRepository#LISTED}). */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<ChangeRecord> aboutNode(long nodeId, int limit) {
        return entries.listAboutNode(nodeId, org.springframework.data.domain.Limit.of(limit)).stream()
                .map(ChangeEntryRepository.Listed::toRecord).toList();
    }

    /** Changes the person requested, newest first, as lists show them. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<ChangeRecord> requestedBy(String requester, int limit) {
        return entries.listByRequester(requester, org.springframework.data.domain.Limit.of(limit)).stream()
                .map(ChangeEntryRepository.Listed::toRecord).toList();
    }

    /** The changes that match, newest first, as lists show them. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<ChangeRecord> search(ChangeFilter filter) {
        return entries.search(filter.statuses().isEmpty() ? EnumSet.allOf(ChangeStatus.class) : filter.statuses(),
                filter.requester(), filter.stuckOnly(), org.springframework.data.domain.Limit.of(filter.limit()))
                .stream().map(ChangeEntryRepository.Listed::toRecord).toList();
    }
}
