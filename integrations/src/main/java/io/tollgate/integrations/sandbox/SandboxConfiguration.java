package io.tollgate.integrations.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the sandbox after Tollgate is ready, in the background, so that start-up does not wait for it; a failure is
 * logged and leaves Tollgate running without the sandbox instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
@ConditionalOnProperty(name = "tollgate.sandbox.enabled", havingValue = "true")
class SandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    SandboxMariaDb sandboxMariaDb(SandboxProperties properties) {
        return new SandboxMariaDb(properties);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> sandboxStarter(SandboxMariaDb sandbox, ApplicationEventPublisher events) {
        return ready -> {
            Thread starter = new Thread(() -> {
                try {
                    events.publishEvent(sandbox.start());
                } catch (Exception e) {
                    log.error("The sandbox MariaDB did not start; Tollgate runs without the 'sandbox' instance", e);
                }
            }, "sandbox-mariadb");
            starter.setDaemon(true);
            starter.start();
        };
    }
}
