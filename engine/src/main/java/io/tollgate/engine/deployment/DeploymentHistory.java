package io.tollgate.engine.deployment;

import java.util.List;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.deployment.internal.DeploymentDecisionEntry;
import io.tollgate.engine.deployment.internal.DeploymentDecisionRepository;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Every deployment the model guard judged, newest first, for those who read history. */
@Component
public class DeploymentHistory {

    public static final int MAX_PAGE = 500;

    private final DeploymentDecisionRepository repository;
    private final Permissions permissions;

    DeploymentHistory(DeploymentDecisionRepository repository, Permissions permissions) {
        this.repository = repository;
        this.permissions = permissions;
    }

    /**
     * The newest decisions, {@code limit} at most (1 to {@value #MAX_PAGE}).
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException unless {@code reader} may read history
     * @throws io.tollgate.engine.InvalidRequestException               for a limit outside 1 to {@value #MAX_PAGE}
     */
    @Transactional(readOnly = true)
    public List<DeploymentRecord> newest(String reader, int limit) {
        permissions.require(reader, Permission.READ_HISTORY);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
        return repository.findAllByOrderByIdDesc(PageRequest.ofSize(limit)).map(DeploymentDecisionEntry::toRecord)
                .getContent();
    }
}
