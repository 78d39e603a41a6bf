package io.tollgate.engine.review.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RuleLevelChangeRecords extends JpaRepository<RuleLevelChangeRecord, String> {

    List<RuleLevelChangeRecord> findByRuleIdOrderByChangedAtDesc(String ruleId);

    List<RuleLevelChangeRecord> findAllByOrderByChangedAtDesc();
}
