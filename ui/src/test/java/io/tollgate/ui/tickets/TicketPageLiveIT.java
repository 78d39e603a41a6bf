package io.tollgate.ui.tickets;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Browserless;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 16: the ticket page is live by push, not by polling. No poll interval is set while it is open; a change made
 * elsewhere (here by the use case directly, as another session or node would) reaches the open page as a UI access
 * queued by the ticket's change signal.
 */
@TollgateAppTest
class TicketPageLiveIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_live_");
    private static final Duration MOVES_WITHIN = Duration.ofSeconds(60);

    @Autowired ApplicationContext context;
    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;

    private String table;

    @BeforeEach
    void tableAndInstance() throws SQLException {
        TARGET.register(instances);
        table = TARGET.fruitTable();
    }

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void anOpenTicketPageHasNoPollIntervalAndShowsAChangeMadeElsewhereByPush() {
        Browserless.signIn(context, "engineer", "engineer-demo");
        String id = tickets.submit("engineer", new TicketDraft("Live " + table, TARGET.instance, TARGET.name,
                "UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;", "push test", ExecutionMode.AFTER_APPROVAL,
                null)).id();
        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> tickets.find(id).orElseThrow().status() == TicketStatus.AWAITING_APPROVAL);

        UI.getCurrent().navigate("tickets/" + id);
        TicketDetailView detail = _get(TicketDetailView.class);
        assertThat(UI.getCurrent().getPollInterval()).as("no polling: the page is pushed its changes").isEqualTo(-1);
        assertThat(detail.copyAsTicket.isVisible()).isFalse();

        // withdrawn outside this page: only the ticket's change signal can tell the page
        tickets.withdraw(id, "engineer");
        // in this thread: the UI's queue is run where the test holds the session
        await().atMost(MOVES_WITHIN).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
            MockVaadin.runUIQueue();
            return detail.copyAsTicket.isVisible();
        });
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }
}
