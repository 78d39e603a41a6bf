package io.tollgate.engine.servicetree.internal.journal;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.Requests;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import org.springframework.stereotype.Component;

/** Who requested each service-tree change, from {@code service_tree_change}. */
@Component
class ChangeRequests implements Requests {

    private final ChangeEntryRepository changes;

    ChangeRequests(ChangeEntryRepository changes) {
        this.changes = changes;
    }

    @Override
    public String processKey() {
        return ServiceTreeChangeProcess.KEY;
    }

    @Override
    public Map<String, String> requesters(Collection<String> ids) {
        return changes.findAllById(ids).stream().collect(Collectors.toMap(ChangeEntry::changeId, ChangeEntry::requester));
    }
}
