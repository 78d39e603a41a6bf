package io.tollgate.engine.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.outbox.Delivery;
import io.tollgate.engine.outbox.DeliveryLoop;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Webhook deliveries; also the {@link DeliveryLoop.Store} their dispatcher claims and records them through. */
interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, String>, DeliveryLoop.Store<WebhookDelivery> {

    @Override
    default List<String> dueIds(Instant now, int limit) {
        return findDueIds(now, Limit.of(limit));
    }

    @Override
    default Optional<WebhookDelivery> find(String id) {
        return findById(id);
    }

    @Override
    default Delivery delivery(WebhookDelivery row) {
        return row.delivery();
    }

    @Query("""
            select d.id from WebhookDelivery d
            where (d.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.PENDING and d.delivery.nextAttemptAt <= :now)
               or (d.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING and d.delivery.leaseUntil < :now)
            order by d.delivery.nextAttemptAt""")
    List<String> findDueIds(Instant now, Limit limit);

    /** See {@link DeliveryLoop.Store#claim}. */
    @Override
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update WebhookDelivery d
            set d.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING, d.delivery.leaseUntil = :leaseUntil,
                d.delivery.attempts = d.delivery.attempts + 1, d.version = d.version + 1
            where d.id = :id
              and ((d.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.PENDING and d.delivery.nextAttemptAt <= :now)
                or (d.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING and d.delivery.leaseUntil < :now))""")
    int claim(String id, Instant now, Instant leaseUntil);
}
