package io.tollgate.engine.deployment.internal;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DeploymentDecisionRepository extends JpaRepository<DeploymentDecisionEntry, Long> {

    Slice<DeploymentDecisionEntry> findAllByOrderByIdDesc(Pageable page);
}
