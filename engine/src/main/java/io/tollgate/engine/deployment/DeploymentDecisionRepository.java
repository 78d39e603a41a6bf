package io.tollgate.engine.deployment;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;

interface DeploymentDecisionRepository extends JpaRepository<DeploymentDecisionEntry, Long> {

    Slice<DeploymentDecisionEntry> findAllByOrderByIdDesc(Pageable page);
}
