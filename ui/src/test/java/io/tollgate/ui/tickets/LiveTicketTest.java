package io.tollgate.ui.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.ticket.TicketUpdates;
import org.junit.jupiter.api.Test;

/**
 * The ticket page's race: it reads the ticket while it is not yet attached, and follows it only once attached. A
 * status committed in between sends its signal to no one; following reads once more, so the page shows it.
 */
class LiveTicketTest {

    @Test
    void aStatusCommittedBeforeThePageFollowsTheTicketIsShownOnceItDoes() {
        AtomicReference<String> status = new AtomicReference<>("REVIEWING");
        List<Runnable> ticketFollowers = new ArrayList<>();
        TicketUpdates updates = new TicketUpdates() {
            @Override
            public ClusterSignals.Registration follow(String ticketId, Runnable changed) {
                ticketFollowers.add(changed);
                return () -> ticketFollowers.remove(changed);
            }

            @Override
            public void touched(String ticketId) {
            }
        };
        TaskEvents taskEvents = listener -> () -> { };
        AtomicReference<String> shown = new AtomicReference<>();
        Runnable refresh = () -> shown.set(status.get());

        refresh.run(); // beforeEnter's read
        status.set("WAITING_APPROVAL"); // the review commits: nobody follows the ticket yet
        assertThat(ticketFollowers).isEmpty();

        try (LiveTicket live = LiveTicket.follow(new UI(), "T-1", updates, taskEvents, refresh)) {
            assertThat(shown).as("the page shows what was committed before it followed").hasValue("WAITING_APPROVAL");
            assertThat(ticketFollowers).hasSize(1);
            assertThat(live.ticketId()).isEqualTo("T-1");
        }
        assertThat(ticketFollowers).isEmpty();
    }
}
