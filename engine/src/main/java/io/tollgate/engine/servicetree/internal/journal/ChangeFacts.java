package io.tollgate.engine.servicetree.internal.journal;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.RequestFacts;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Each service-tree change's kind and reason for the tasklist, from {@code service_tree_change}. */
@Component
class ChangeFacts implements RequestFacts {

    private final ChangeEntryRepository changes;

    ChangeFacts(ChangeEntryRepository changes) {
        this.changes = changes;
    }

    @Override
    public String processKey() {
        return ServiceTreeChangeProcess.KEY;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Facts> of(Collection<String> ids) {
        return ids.isEmpty() ? Map.of() : changes.taskFactsOf(Set.copyOf(ids)).stream().collect(Collectors.toMap(
                ChangeEntryRepository.TaskFacts::getChangeId,
                row -> Facts.ofChange(row.getKind(), row.getReason())));
    }
}
