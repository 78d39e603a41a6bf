package io.tollgate.engine.mail;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OutboxMailRepository extends JpaRepository<OutboxMail, String> {

    /** Due mails: pending and their time has come, or claimed by a node whose claim ran out (it died sending). */
    @Query("""
            select m.id from OutboxMail m
            where (m.status = io.tollgate.engine.mail.MailStatus.PENDING and m.nextAttemptAt <= :now)
               or (m.status = io.tollgate.engine.mail.MailStatus.SENDING and m.leaseUntil < :now)
            order by m.nextAttemptAt""")
    List<String> findDueIds(Instant now, Limit limit);

    /**
     * Claims a due mail for one sender: a compare-and-set on status and version, so of two nodes (or two ticks) only
     * one gets 1 back. Counts the attempt at once, so a node dying mid-send still uses one up.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update OutboxMail m
            set m.status = io.tollgate.engine.mail.MailStatus.SENDING, m.leaseUntil = :leaseUntil,
                m.attempts = m.attempts + 1, m.version = m.version + 1
            where m.id = :id
              and ((m.status = io.tollgate.engine.mail.MailStatus.PENDING and m.nextAttemptAt <= :now)
                or (m.status = io.tollgate.engine.mail.MailStatus.SENDING and m.leaseUntil < :now))""")
    int claim(String id, Instant now, Instant leaseUntil);

    List<OutboxMail> findByStatusOrderByCreatedAtDesc(MailStatus status, Limit limit);

    List<OutboxMail> findAllByOrderByCreatedAtDesc(Limit limit);

    long countByStatus(MailStatus status);
}
