package io.tollgate.engine.review.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface RuleLevelOverrides extends JpaRepository<RuleLevelOverride, String> {

    // JPQL, not a derived query: Hibernate 6.6 caches the plan of a query string, never of a criteria query
    @Query("select o from RuleLevelOverride o where o.environment = :environment")
    List<RuleLevelOverride> findByEnvironment(String environment);
}
