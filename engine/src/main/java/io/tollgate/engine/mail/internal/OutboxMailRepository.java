package io.tollgate.engine.mail.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.outbox.Delivery;
import io.tollgate.engine.outbox.DeliveryLoop;
import io.tollgate.engine.outbox.DeliveryStatus;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The mail outbox's rows; also the {@link DeliveryLoop.Store} its dispatcher claims and records them through. */
public interface OutboxMailRepository extends JpaRepository<OutboxMail, String>, DeliveryLoop.Store<OutboxMail> {

    @Override
    default List<String> dueIds(Instant now, int limit) {
        return findDueIds(now, Limit.of(limit));
    }

    @Override
    default Optional<OutboxMail> find(String id) {
        return findById(id);
    }

    @Override
    default Delivery delivery(OutboxMail mail) {
        return mail.delivery();
    }


    /** Due mails: pending and their time has come, or claimed by a node whose claim ran out (it died sending). */
    @Query("""
            select m.id from OutboxMail m
            where (m.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.PENDING and m.delivery.nextAttemptAt <= :now)
               or (m.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING and m.delivery.leaseUntil < :now)
            order by m.delivery.nextAttemptAt""")
    List<String> findDueIds(Instant now, Limit limit);

    /** The outbox's claim: see {@link io.tollgate.engine.outbox.DeliveryLoop.Store#claim}. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update OutboxMail m
            set m.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING, m.delivery.leaseUntil = :leaseUntil,
                m.delivery.attempts = m.delivery.attempts + 1, m.version = m.version + 1
            where m.id = :id
              and ((m.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.PENDING and m.delivery.nextAttemptAt <= :now)
                or (m.delivery.status = io.tollgate.engine.outbox.DeliveryStatus.SENDING and m.delivery.leaseUntil < :now))""")
    @Override
    int claim(String id, Instant now, Instant leaseUntil);

    List<OutboxMail> findByDeliveryStatusOrderByCreatedAtDesc(DeliveryStatus status, Limit limit);

    List<OutboxMail> findAllByOrderByCreatedAtDesc(Limit limit);

    long countByDeliveryStatus(DeliveryStatus status);
}
