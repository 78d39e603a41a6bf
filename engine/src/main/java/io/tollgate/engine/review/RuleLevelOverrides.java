package io.tollgate.engine.review;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface RuleLevelOverrides extends JpaRepository<RuleLevelOverride, String> {

    List<RuleLevelOverride> findByEnvironment(String environment);
}
