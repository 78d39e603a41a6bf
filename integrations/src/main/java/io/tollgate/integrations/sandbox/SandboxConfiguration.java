package io.tollgate.integrations.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the sandbox after Tollgate is ready, in the background with retries, so that start-up does not wait for it;
 * publishes {@link SandboxReady} when it is up. Closing the context stops the server (and a start under way).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
@ConditionalOnProperty(name = "tollgate.sandbox.enabled", havingValue = "true")
class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    SandboxMariaDb sandboxMariaDb(SandboxProperties properties) {
        return new SandboxMariaDb(properties);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> sandboxStarter(SandboxMariaDb sandbox, ApplicationEventPublisher events) {
        return ready -> sandbox.startInBackground(events::publishEvent);
    }
}
