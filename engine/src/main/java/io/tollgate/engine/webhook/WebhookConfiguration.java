package io.tollgate.engine.webhook;

import java.time.Clock;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.integrations.webhook.WebhookSender;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The webhook dispatcher, run every {@link WebhookProperties#dispatchInterval()} while endpoints are configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookDeliveryRepository deliveries, WebhookProperties properties,
                                        PlatformTransactionManager transactionManager, Clock clock) {
        return new WebhookDispatcher(deliveries, new WebhookSender(properties.timeout()), properties,
                new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    FixedDelaySchedule webhookSchedule(WebhookDispatcher dispatcher, WebhookProperties properties) {
        return new FixedDelaySchedule("tollgate-webhook-dispatcher", dispatcher::dispatchDue,
                properties.dispatchInterval(), !properties.endpoints().isEmpty());
    }
}
