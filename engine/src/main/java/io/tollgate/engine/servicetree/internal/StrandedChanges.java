package io.tollgate.engine.servicetree.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.EachApart;
import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.internal.apply.ServiceTreeChangeProperties;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntryRepository;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes whose process an admin ended in the engine (deleted it, or moved it to an end, in Cockpit) while they waited
 * for it: before, such a change stayed "pending approval" offered to nobody, or "approved" with nothing to apply it,
 * and only its requester's withdrawal (not even that once approved) ended it. Each look finds them (a waiting status,
 * unchanged for a while, no running process, a process that ran once) and starts their process anew:
 * <ul>
 *   <li>pending approval: at its validation, against the tree as it is now, so that the approvals are given anew (a
 *   new validation round; Tollgate does not carry approvals over to a process it did not see them given in);</li>
 *   <li>approved: at its apply, whose gate checks the approvals recorded for exactly its plan and whose marker in
 *   ZooKeeper makes it once (an apply ZooKeeper committed before the process was deleted is recorded, not redone);</li>
 *   <li>after a conflict: at its requester's decision, re-validate or withdraw.</li>
 * </ul>
 * The change's row is locked and read again first, so two nodes restart it once.
 */
@Component
class StrandedChanges {

    private static final Logger log = LoggerFactory.getLogger(StrandedChanges.class);
    static final Set<ChangeStatus> WAITING_FOR_A_PROCESS = EnumSet.of(ChangeStatus.PENDING_APPROVAL,
            ChangeStatus.APPROVED, ChangeStatus.CONFLICT);
    private static final List<String> WAITING_NAMES = WAITING_FOR_A_PROCESS.stream().map(Enum::name).toList();
    static final int PAGE = 1000;

    private final ChangeEntryRepository entries;
    private final ChangeLedger ledger;
    private final ChangeProcessStart start;
    private final RuntimeService runtimeService;
    private final TransactionTemplate tx;
    private final Duration quiet;
    private final Clock clock;

    StrandedChanges(ChangeEntryRepository entries, ChangeLedger ledger, ChangeProcessStart start,
                    RuntimeService runtimeService,
                    PlatformTransactionManager transactions, ServiceTreeChangeProperties properties, Clock clock) {
        this.entries = entries;
        this.ledger = ledger;
        this.start = start;
        this.runtimeService = runtimeService;
        this.tx = new TransactionTemplate(transactions);
        this.quiet = properties.strandedCheck();
        this.clock = clock;
    }

    /** The look, every {@code tollgate.service-tree.audit.stranded-check} on each node. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        FixedDelaySchedule strandedChangeLook(StrandedChanges stranded, ServiceTreeChangeProperties properties) {
            return new FixedDelaySchedule("tollgate-stranded-changes", stranded::restartStranded,
                    properties.strandedCheck(), true);
        }
    }

    /** One look: starts anew the process of every stranded change found; how many it restarted. */
    int restartStranded() {
        // one change's trouble (ZooKeeper unreachable for its validation) does not hold up the others
        return EachApart.count(entries.quietWithoutProcess(WAITING_NAMES, clock.instant().minus(quiet),
                PageRequest.of(0, PAGE)), tx, this::restart, log, "start the process of service-tree change {} anew");
    }

    private boolean restart(String changeId) {
        ChangeEntry change = entries.findLocked(changeId).orElse(null);
        if (change == null || !WAITING_FOR_A_PROCESS.contains(change.status()) || running(changeId)) {
            return false; // moved on, or restarted by another node, since the look
        }
        String why = switch (change.status()) {
            case PENDING_APPROVAL -> "while it waited for approval; it is validated against the tree as it is now"
                    + " and approved anew: approvals given before no longer count";
            case APPROVED -> "after its approval; it is applied now, once (its approvals are checked again, and an"
                    + " apply already made is recorded, not made twice)";
            default -> "while it waited for its requester after a conflict; it waits for them again";
        };
        ledger.processRestarted(changeId, why);
        start.startBefore(change, switch (change.status()) {
            case PENDING_APPROVAL -> Elements.TASK_VALIDATE_CHANGE;
            case APPROVED -> Elements.TASK_APPLY_CHANGE;
            default -> Elements.TASK_RESOLVE_CONFLICT;
        });
        return true;
    }

    private boolean running(String changeId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ServiceTreeChangeProcess.KEY)
                .processInstanceBusinessKey(changeId).count() > 0;
    }
}
