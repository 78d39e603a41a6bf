package io.tollgate.engine.joblock;

import java.time.Duration;

import io.tollgate.engine.FixedDelaySchedule;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lock keeper and its schedule ({@link JobLockProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobLockProperties.class)
class JobLockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobLockConfiguration.class);

    @Bean
    JobLockKeeper jobLockKeeper(ProcessEngineConfigurationImpl configuration) {
        return new JobLockKeeper(configuration);
    }

    @Bean
    FixedDelaySchedule jobLockKeeping(JobLockKeeper keeper, JobLockProperties properties,
                                      ProcessEngineConfigurationImpl configuration) {
        Duration every = properties.keepEvery();
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null && !every.isZero()) {
            // a lock kept less often than it lasts would expire between two keeps
            Duration third = Duration.ofMillis(Math.max(1, executor.getLockTimeInMillis() / 3));
            if (every.compareTo(third) > 0) {
                log.warn("tollgate.job-locks.keep-every {} is not well under the job lock time of {} ms; keeping every {}",
                        every, executor.getLockTimeInMillis(), third);
                every = third;
            }
        }
        return new FixedDelaySchedule("tollgate-job-lock-keeper", keeper::keep, every, true);
    }
}
