package io.tollgate.engine.ticket.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.cluster.ClusterProperties;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.cluster.StatusWatch;
import io.tollgate.engine.ticket.CopyPause;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.engine.ticket.internal.TicketController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The long poll on the node that commits: the journal hands the watch the status it wrote, so the waiters wake
 * without a read; and an answer read still in a waited status (a wake-up by a status that a later commit had already
 * replaced) is not sent: the request waits on until the ticket really leaves the status.
 */
class TicketLongPollTest {

    private static final String ID = "T-LONGPOLL";
    private final AtomicReference<TicketStatus> stored = new AtomicReference<>(TicketStatus.AWAITING_APPROVAL);
    private final AtomicInteger statusReads = new AtomicInteger();
    private final TicketWatch watch = new TicketWatch(statuses(),
            ClusterSignals.alone(), new ClusterProperties("/t", Duration.ofSeconds(30), Duration.ofMinutes(10)));
    private final TicketController controller = new TicketController(tickets(), watch);
    private final Authentication engineer = new UsernamePasswordAuthenticationToken("engineer", null,
            List.of(new SimpleGrantedAuthority(Role.ENGINEER.authority())));

    @AfterEach
    void close() {
        watch.close();
    }

    @Test
    void aWakeUpByAReplacedStatusWaitsOnAndTheCommittedStatusWakesWithoutARead() {
        DeferredResult<ResponseEntity<TicketRecord>> answer = controller.awaitStatus(ID, "AWAITING_APPROVAL", "20",
                engineer);
        await().atMost(Duration.ofSeconds(5)).until(() -> statusReads.get() == 1); // read once when registered
        assertThat(answer.hasResult()).isFalse();

        // a commit said EXECUTING, but the ticket reads AWAITING_APPROVAL again (a later commit came first)
        watch.changed(entry(TicketStatus.EXECUTING));
        await().atMost(Duration.ofSeconds(5)).until(() -> statusReads.get() == 2); // woke, read, registered again
        assertThat(answer.hasResult()).as("the answer would still be in the waited status").isFalse();

        stored.set(TicketStatus.EXECUTED);
        watch.changed(entry(TicketStatus.EXECUTED));
        await().atMost(Duration.ofSeconds(5)).until(answer::hasResult);
        @SuppressWarnings("unchecked")
        ResponseEntity<TicketRecord> sent = (ResponseEntity<TicketRecord>) answer.getResult();
        assertThat(sent.getBody().status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(statusReads).as("woken by the status the commit wrote, not by a read").hasValue(2);
    }

    private TicketEntry entry(TicketStatus status) {
        TicketEntry entry = new TicketEntry(ID, "engineer", new TicketDraft("t", "i", "d", "SELECT 1", "r",
                ExecutionMode.AFTER_APPROVAL, null), 1, Instant.now());
        entry.status(status, Instant.now());
        return entry;
    }

    private StatusWatch.Statuses<TicketStatus> statuses() {
        return new StatusWatch.Statuses<>() {
            @Override
            public Optional<TicketStatus> statusOf(String id) {
                statusReads.incrementAndGet();
                return Optional.of(stored.get());
            }

            @Override
            public Map<String, TicketStatus> statusesOf(List<String> ids) {
                return Map.of();
            }
        };
    }

    private Tickets tickets() {
        return (Tickets) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Tickets.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "find", "findWithoutRollbackSteps" -> Optional.of(record(stored.get()));
                    case "toString" -> "tickets";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TicketRecord record(TicketStatus status) {
        Instant now = Instant.now();
        return new TicketRecord(ID, "t", "i", "d", "SELECT 1", "r", "engineer", ExecutionMode.AFTER_APPROVAL, null,
                status, "LOW", 1, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, now, now,
                List.of(), 0, 0, List.of(), 0, 0, 0, null, CopyPause.NONE, null, null, 0, false);
    }
}
