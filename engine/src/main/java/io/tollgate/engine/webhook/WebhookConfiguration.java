package io.tollgate.engine.webhook;

import java.time.Clock;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.outbox.DeliveryLoop;
import io.tollgate.integrations.webhook.WebhookDeliveryException;
import io.tollgate.integrations.webhook.WebhookSender;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook dispatcher, run every {@link WebhookProperties#dispatchInterval()} while endpoints are configured. A
 * delivery whose endpoint was removed from the configuration fails like an unreachable one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    DeliveryLoop<WebhookDelivery> webhookDispatcher(WebhookDeliveryRepository deliveries, WebhookProperties properties,
                                                    PlatformTransactionManager transactionManager, Clock clock) {
        WebhookSender sender = new WebhookSender(properties.timeout());
        DeliveryLoop.Sender<WebhookDelivery> post = delivery -> {
            WebhookProperties.Endpoint endpoint = properties.endpoint(delivery.endpoint());
            if (endpoint == null) {
                throw new WebhookDeliveryException("endpoint '" + delivery.endpoint() + "' is no longer configured", null);
            }
            sender.post(endpoint.url(), endpoint.secret(), delivery.kind(), delivery.id(), delivery.payload());
        };
        return new DeliveryLoop<>("Webhook", deliveries, post, properties.retryPolicy(),
                new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    FixedDelaySchedule webhookSchedule(DeliveryLoop<WebhookDelivery> webhookDispatcher, WebhookProperties properties) {
        return new FixedDelaySchedule("tollgate-webhook-dispatcher", webhookDispatcher::dispatchDue,
                properties.dispatchInterval(), !properties.endpoints().isEmpty());
    }
}
