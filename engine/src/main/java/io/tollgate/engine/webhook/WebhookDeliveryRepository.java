package io.tollgate.engine.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, String> {

    @Query("""
            select d.id from WebhookDelivery d
            where (d.status = io.tollgate.engine.webhook.WebhookDelivery.Status.PENDING and d.nextAttemptAt <= :now)
               or (d.status = io.tollgate.engine.webhook.WebhookDelivery.Status.SENDING and d.leaseUntil < :now)
            order by d.nextAttemptAt""")
    List<String> findDueIds(Instant now, Limit limit);

    /** Claims a due delivery for one sender (compare-and-set; see the mail outbox's claim). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update WebhookDelivery d
            set d.status = io.tollgate.engine.webhook.WebhookDelivery.Status.SENDING, d.leaseUntil = :leaseUntil,
                d.attempts = d.attempts + 1, d.version = d.version + 1
            where d.id = :id
              and ((d.status = io.tollgate.engine.webhook.WebhookDelivery.Status.PENDING and d.nextAttemptAt <= :now)
                or (d.status = io.tollgate.engine.webhook.WebhookDelivery.Status.SENDING and d.leaseUntil < :now))""")
    int claim(String id, Instant now, Instant leaseUntil);
}
