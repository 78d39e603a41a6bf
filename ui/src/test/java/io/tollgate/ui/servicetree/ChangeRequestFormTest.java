package io.tollgate.ui.servicetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import io.tollgate.engine.servicetree.ChangeNotRecordedException;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.Level;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.integrations.servicetree.TreeNode;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change form, browserless: a request that could not be recorded is an error the person sees. */
class ChangeRequestFormTest {

    private final CuratorFramework unstarted = CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(1));
    private final ServiceTreeView cache = new ServiceTreeView(unstarted, "/tollgate/service-tree");
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicReference<RequestOutcome> reported = new AtomicReference<>();
    private ChangeRequestForm form;

    @BeforeEach
    void openForm() {
        MockVaadin.setup();
        form = new ChangeRequestForm(new Requests(), cache, "engineer", reported::set);
        UI.getCurrent().add(form);
        form.forNode(new NodeView(new TreeNode(7, "sh", 3L, List.of(), List.of(), List.of(), null),
                "/online/loki/api/sh", Level.IDC));
        form.kind.setValue(ChangeRequestForm.Kind.SET_ATTRIBUTES);
        form.attributes.setValue("rack=r1");
        form.reason.setValue("more racks");
    }

    @AfterEach
    void close() {
        MockVaadin.tearDown();
        unstarted.close();
    }

    @Test
    void aChangeThatWasNotRecordedIsShownAsAnErrorWithANotification() {
        failure.set(new ChangeNotRecordedException("stc-1",
                "ZooKeeper is unavailable, could not read node 7; safe to retry", true, null));

        form.submit();

        assertThat(form.outcome.getText()).contains("was not recorded").contains("try again");
        NotificationsKt.expectNotifications(form.outcome.getText().substring("Not recorded: ".length()));
        assertThat(reported.get()).isNull();
    }

    @Test
    void anUnexpectedFailureIsShownToo() {
        failure.set(new IllegalStateException("Value too long for column TEXT_"));

        form.submit();

        assertThat(form.outcome.getText()).startsWith("Not recorded");
        assertThat(NotificationsKt.getNotifications()).hasSize(1);
        assertThat(NotificationsKt.getNotifications().get(0).getThemeName()).contains("error");
    }

    @Test
    void aRecordedChangeSaysSo() {
        form.submit();

        assertThat(form.outcome.getText()).startsWith("Requested as stc-ok");
        assertThat(NotificationsKt.getNotifications()).isEmpty();
        assertThat(reported.get().changeId()).isEqualTo("stc-ok");
    }

    private final class Requests implements ServiceTreeChangeRequests {

        @Override
        public void retryStuckStep(String changeId, String username) {
            throw new UnsupportedOperationException();
        }
        @Override
        public RequestOutcome request(ServiceTreeChange change) {
            if (failure.get() != null) {
                throw failure.get();
            }
            return new RequestOutcome("stc-ok", io.tollgate.engine.servicetree.ChangeStatus.PENDING_APPROVAL,
                    List.of());
        }

        @Override
        public List<PendingApproval> pendingApprovals(String username, Collection<String> groups) {
            return List.of();
        }

        @Override
        public void decide(String taskId, String username, Collection<String> groups, boolean approve,
                           String comment) {
        }

        @Override
        public void withdraw(String changeId, String username) {
        }

        @Override
        public RequestOutcome resolveConflict(String changeId, String username, boolean revalidate) {
            return null;
        }

        @Override
        public Optional<ChangeRecord> find(String changeId) {
            return Optional.empty();
        }

        @Override
        public boolean mayRead(String reader) {
            return false;
        }

        @Override
        public Optional<io.tollgate.engine.servicetree.ChangeDetails> read(String reader, String changeId) {
            return Optional.empty();
        }

        @Override
        public List<ChangeRecord> historyOf(long nodeId) {
            return List.of();
        }

        @Override
        public List<ChangeRecord> requestedBy(String username) {
            return List.of();
        }

        @Override
        public List<ChangeRecord> list(String reader, io.tollgate.engine.servicetree.ChangeFilter filter) {
            return List.of();
        }
    }
}
