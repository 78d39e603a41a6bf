package io.tollgate.engine.instance;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface TargetInstanceRepository extends JpaRepository<TargetInstance, String> {

    Optional<TargetInstance> findByName(String name);

    List<TargetInstance> findAllByOrderByName();
}
