package io.tollgate.engine.instance;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TargetInstanceRepository extends JpaRepository<TargetInstance, String> {

    // JPQL, not a derived query: Hibernate 6.6 caches the plan of a query string, never of a criteria query
    @Query("select i from TargetInstance i where i.name = :name")
    Optional<TargetInstance> findByName(String name);

    List<TargetInstance> findAllByOrderByName();
}
