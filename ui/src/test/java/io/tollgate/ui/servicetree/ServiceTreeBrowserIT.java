package io.tollgate.ui.servicetree;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.ui.Browserless;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Browsing the demo service tree from the ZooKeeper cache, searching it, and seeing an applied change without reload. */
@TollgateAppTest
class ServiceTreeBrowserIT {

    @Autowired ApplicationContext context;
    @Autowired ServiceTreeView cache;
    @Autowired ServiceTreeChanges changes;
    @Autowired Tasklist tasklist;
    @Autowired Outbox outbox;
    @Autowired RuntimeService runtimeService;

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    private ServiceTreeBrowserView open() {
        await().atMost(Duration.ofSeconds(30)).until(() -> cache.root().isPresent() && cache.size() > 1);
        Browserless.signIn(context, "sre", "sre-demo");
        UI.getCurrent().navigate("service-tree");
        return _get(ServiceTreeBrowserView.class);
    }

    private static List<String> childNames(ServiceTreeBrowserView view, NodeView parent) {
        return view.tree.getDataProvider().fetchChildren(new HierarchicalQuery<>(null, parent))
                .map(n -> n.node().name()).toList();
    }

    @Test
    void browsesLevelByLevelAndShowsANodesServers() {
        ServiceTreeBrowserView view = open();
        NodeView root = cache.root().orElseThrow();
        assertThat(childNames(view, null)).containsExactly("online");
        assertThat(childNames(view, root)).contains("loki", "支付");

        NodeView api = cache.search("api", 10).stream().filter(n -> n.path().equals("/online/loki/api")).findFirst()
                .orElseThrow();
        NodeView bj = cache.children(api.node().id()).stream().filter(n -> n.node().name().equals("bj")).findFirst()
                .orElseThrow();
        view.show(bj);
        assertThat(_get(view.details, H3.class).getText()).isEqualTo("/online/loki/api/bj");
        assertThat(GridKt._size(view.servers)).isEqualTo(2);
        assertThat(view.details.getElement().getTextRecursively()).contains("Owners: none (inherits")
                .contains("http://loki-api.bj.example.com/health");
    }

    @Test
    void searchFindsNodesByName() {
        ServiceTreeBrowserView view = open();
        view.search.setValue("gateway");
        assertThat(view.results.isVisible()).isTrue();
        assertThat(GridKt._findAll(view.results)).extracting(NodeView::path).contains("/online/支付/gateway");
        view.search.clear();
        assertThat(view.results.isVisible()).isFalse();
    }

    @Test
    void anAppliedChangeShowsUpWithoutReload() {
        ServiceTreeBrowserView view = open();
        NodeView indexer = cache.search("indexer", 5).get(0);
        view.show(indexer);
        String newName = "indexer-" + UUID.randomUUID().toString().substring(0, 6);

        ApplyResult applied = changes.apply(changes.validate(new ServiceTreeChange.Rename(
                new ChangeMeta(UUID.randomUUID().toString(), "alice", "test: rename"), indexer.node().id(), newName)));
        assertThat(applied.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);

        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
            MockVaadin.runUIQueue();
            assertThat(_get(view.details, H3.class).getText()).endsWith("/" + newName);
        });
    }

    @Test
    void anEngineerRequestsAChangeAndAnSreApprovesItInTheAuditView() {
        ServiceTreeBrowserView view = open();
        Browserless.signOut();
        Browserless.signIn(context, "engineer", "engineer-demo");
        UI.getCurrent().navigate("service-tree");
        view = _get(ServiceTreeBrowserView.class);
        NodeView sh = cache.search("sh", 20).stream().filter(n -> n.path().equals("/online/loki/api/sh")).findFirst()
                .orElseThrow();
        view.show(sh);
        ChangeRequestForm form = view.requestForm;
        form.kind.setValue(ChangeRequestForm.Kind.SET_ATTRIBUTES);
        form.attributes.setValue("tier=gold");
        form.submit();
        assertThat(form.outcome.getText()).as("a reason is required").startsWith("Say why");
        form.reason.setValue("tag the Shanghai API as gold tier");
        form.submit();
        assertThat(form.outcome.getText()).startsWith("Requested as stc-");
        assertThat(GridKt._findAll(view.history)).anySatisfy(r -> assertThat(r.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL));

        assertThat(tasklist.tasksFor("sre", List.of("sre"))).as("the SRE's tasklist offers the approval")
                .anySatisfy(t -> assertThat(t.processKey()).isEqualTo(ServiceTreeChangeProcess.KEY));
        // what the row says is the change as requested, whatever its variables are rewritten to
        String requested = form.outcome.getText().replaceFirst("^Requested as (\\S+):.*$", "$1");
        String processInstance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(requested)
                .singleResult().getId();
        runtimeService.setVariables(processInstance, Map.of("subject", "nothing to see", "requester", "sre"));
        assertThat(tasklist.tasksFor("sre", List.of("sre"))).filteredOn(t -> requested.equals(t.businessKey()))
                .singleElement().satisfies(t -> {
                    assertThat(t.subject()).isEqualTo("tag the Shanghai API as gold tier");
                    assertThat(t.changeKind()).isEqualTo("setAttributes");
                    assertThat(t.requester()).isEqualTo("engineer");
                });

        Browserless.signOut();
        Browserless.signIn(context, "sre", "sre-demo");
        UI.getCurrent().navigate("service-tree/approvals");
        ServiceTreeApprovalsView approvals = _get(ServiceTreeApprovalsView.class);
        PendingApproval mine = GridKt._findAll(approvals.pending).stream()
                .filter(p -> p.requester().equals("engineer")).findFirst().orElseThrow();
        approvals.pending.select(mine);
        assertThat(approvals.summary.getText()).contains("tag the Shanghai API as gold tier");
        assertThat(approvals.diff.getElement().getTextRecursively()).contains("tier");
        approvals.reject.click();
        assertThat(approvals.message.getText()).as("rejecting needs a comment").contains("comment is required");
        approvals.approve.click();
        assertThat(approvals.message.getText()).startsWith("Approved stc-");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                cache.node(sh.node().id()).orElseThrow().node().attributes()).containsEntry("tier", "gold"));

        String changeId = mine.changeId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outbox.list(Optional.empty(), 500))
                .as("the requester hears that the change was approved and applied")
                .anySatisfy(m -> {
                    assertThat(m.kind()).isEqualTo(MailKind.TREE_CHANGE_APPLIED);
                    assertThat(m.recipient()).contains("engineer");
                    assertThat(m.subject() + m.textBody()).contains(changeId);
                })
                .anySatisfy(m -> {
                    assertThat(m.kind()).isEqualTo(MailKind.TREE_CHANGE_APPROVED);
                    assertThat(m.recipient()).contains("engineer");
                }));
    }
}
