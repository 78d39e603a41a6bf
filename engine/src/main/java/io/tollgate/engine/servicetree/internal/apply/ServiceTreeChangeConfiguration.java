package io.tollgate.engine.servicetree.internal.apply;

import java.time.Clock;
import java.time.Duration;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.joblock.HeldJobs;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntryRepository;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Binds {@link ServiceTreeChangeProperties}; schedules the marker purge and the look for interrupted applies (a dead node's apply job, an apply ZooKeeper committed alone). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceTreeChangeProperties.class)
class ServiceTreeChangeConfiguration {

    @Bean
    FixedDelaySchedule serviceTreeMarkerPurge(ServiceTreeChanges changes, ServiceTreeChangeProperties properties,
                                              Clock clock) {
        AppliedMarkerPurge purge = new AppliedMarkerPurge(changes, properties, clock);
        return new FixedDelaySchedule("tollgate-tree-marker-purge", purge::purge, Duration.ofHours(1), true);
    }

    @Bean
    FixedDelaySchedule serviceTreeInterruptedApplies(ChangeEntryRepository entries, ChangeLedger ledger,
                                                     ServiceTreeChanges changes,
                                                     ServiceTreeChangeProperties properties,
                                                     PlatformTransactionManager transactionManager, Clock clock,
                                                     HeldJobs jobs) {
        InterruptedApplies applies = new InterruptedApplies(entries, ledger, changes, properties,
                new TransactionTemplate(transactionManager), clock, jobs);
        return new FixedDelaySchedule("tollgate-tree-interrupted-applies", applies::reconcile,
                properties.reconcileInterval(), true);
    }
}
