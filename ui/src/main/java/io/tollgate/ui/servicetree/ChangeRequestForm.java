package io.tollgate.ui.servicetree;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.servicetree.ChangeNotRecordedException;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.Server;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.integrations.servicetree.TreeNode;

/**
 * Requests a change to the selected node: every kind the tree knows, each with its own fields, and a reason for the
 * approvers. The change is validated at once; violations are shown, a valid change goes to the node's owners.
 */
class ChangeRequestForm extends VerticalLayout {

    enum Kind {
        CREATE_CHILD("Create a child node"), RENAME("Rename"), MOVE("Move under another node"), DELETE("Delete"),
        BIND_SERVER("Bind a server"), UNBIND_SERVER("Unbind a server"), SET_TRAFFIC_RATIO("Set a server's traffic ratio"),
        SET_OWNERS("Set owners"), SET_ATTRIBUTES("Set attributes");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    final Select<Kind> kind = new Select<>();
    final TextField name = new TextField("Name");
    final ComboBox<NodeView> newParent = new ComboBox<>("New parent");
    final TextField hostname = new TextField("Server host name");
    final Select<String> boundServer = new Select<>();
    final BigDecimalField ratio = new BigDecimalField("Traffic ratio (0 to 1)");
    final Checkbox offline = new Checkbox("Offline");
    final TextField owners = new TextField("Owners (user:alice, group:sre)");
    final TextArea attributes = new TextArea("Attributes (one key=value per line)");
    final TextArea reason = new TextArea("Reason (the approvers read it)");
    final Button submit = new Button("Request change");
    final Span outcome = new Span();

    private final ServiceTreeChangeRequests requests;
    private final ServiceTreeView cache;
    private final String requester;
    private final Consumer<RequestOutcome> onRequested;
    private NodeView node;

    ChangeRequestForm(ServiceTreeChangeRequests requests, ServiceTreeView cache, String requester,
                      Consumer<RequestOutcome> onRequested) {
        this.requests = requests;
        this.cache = cache;
        this.requester = requester;
        this.onRequested = onRequested;
        setPadding(false);
        kind.setLabel("Change");
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(Kind.RENAME);
        kind.addValueChangeListener(e -> showFields());
        kind.setId("change-kind");
        newParent.setItems(query -> cache.search(query.getFilter().orElse(""), query.getOffset() + query.getLimit())
                .stream().skip(query.getOffset()).limit(query.getLimit()));
        newParent.setItemLabelGenerator(NodeView::path);
        boundServer.setLabel("Server");
        name.setId("change-name");
        // the rule is the tree's (TreeRules.name); the field only keeps people from typing past it
        name.setMaxLength(TreeNode.MAX_NAME_LENGTH);
        name.setHelperText("At most " + TreeNode.MAX_NAME_LENGTH + " characters");
        reason.setId("change-reason");
        submit.setId("change-submit");
        outcome.setId("change-outcome");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit());
        FormLayout fields = new FormLayout(kind, name, newParent, hostname, boundServer, ratio, offline, owners,
                attributes, reason);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(fields, submit, outcome);
        showFields();
    }

    void forNode(NodeView node) {
        this.node = node;
        boundServer.setItems(node == null ? List.of() : node.node().servers().stream().map(Server::hostname).toList());
        if (node != null) {
            owners.setValue(String.join(", ", node.node().owners()));
            attributes.setValue(String.join("\n", node.node().attributes().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        outcome.setText("");
        setEnabled(node != null);
    }

    private void showFields() {
        Kind k = kind.getValue();
        name.setVisible(k == Kind.CREATE_CHILD || k == Kind.RENAME);
        newParent.setVisible(k == Kind.MOVE);
        hostname.setVisible(k == Kind.BIND_SERVER);
        boundServer.setVisible(k == Kind.UNBIND_SERVER || k == Kind.SET_TRAFFIC_RATIO);
        ratio.setVisible(k == Kind.BIND_SERVER || k == Kind.SET_TRAFFIC_RATIO);
        offline.setVisible(k == Kind.BIND_SERVER);
        owners.setVisible(k == Kind.SET_OWNERS || k == Kind.CREATE_CHILD);
        attributes.setVisible(k == Kind.SET_ATTRIBUTES);
    }

    void submit() {
        if (node == null) {
            outcome.setText("Select a node first.");
            return;
        }
        if (reason.isEmpty() || reason.getValue().isBlank()) {
            outcome.setText("Say why: the approvers read the reason.");
            return;
        }
        ChangeMeta meta = ServiceTreeChangeRequests.newChange(requester, reason.getValue().strip());
        ServiceTreeChange change;
        try {
            change = change(meta);
        } catch (IllegalArgumentException invalid) {
            outcome.setText("Not requested: " + invalid.getMessage());
            return;
        }
        RequestOutcome result;
        try {
            result = requests.request(change);
        } catch (ChangeNotRecordedException | NotAllowedException | PermissionDeniedException notRecorded) {
            failed(notRecorded.getMessage());
            return;
        } catch (RuntimeException unexpected) {
            // the use case logs and words what it can; anything else still must not vanish
            failed("change " + meta.changeId() + " was not recorded: " + unexpected.getClass().getSimpleName());
            return;
        }
        outcome.setText(result.accepted()
                ? "Requested as " + result.changeId() + ": it waits for the node's owners."
                : "Refused: " + String.join("; ", result.violations()));
        onRequested.accept(result);
    }

    /** Nothing was recorded: said beside the button and in a notification, so that it cannot go unnoticed. */
    private void failed(String message) {
        outcome.setText("Not recorded: " + message);
        Notification notification = Notification.show(message, 10_000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private ServiceTreeChange change(ChangeMeta meta) {
        long id = node.node().id();
        return switch (kind.getValue()) {
            case CREATE_CHILD -> new ServiceTreeChange.Create(meta, id, required(name.getValue(), "a name"),
                    list(owners.getValue()), Map.of());
            case RENAME -> new ServiceTreeChange.Rename(meta, id, required(name.getValue(), "the new name"));
            case MOVE -> {
                if (newParent.getValue() == null) {
                    throw new IllegalArgumentException("pick the new parent");
                }
                yield new ServiceTreeChange.Move(meta, id, newParent.getValue().node().id());
            }
            case DELETE -> new ServiceTreeChange.Delete(meta, id);
            case BIND_SERVER -> new ServiceTreeChange.BindServers(meta, id, List.of(new Server(
                    required(hostname.getValue(), "the host name"), offline.getValue(), ratio(ratio.getValue()))));
            case UNBIND_SERVER -> new ServiceTreeChange.UnbindServers(meta, id,
                    List.of(required(boundServer.getValue(), "the server")));
            case SET_TRAFFIC_RATIO -> new ServiceTreeChange.SetTrafficRatios(meta, id,
                    Map.of(required(boundServer.getValue(), "the server"), ratio(ratio.getValue())));
            case SET_OWNERS -> new ServiceTreeChange.SetOwners(meta, id, list(owners.getValue()));
            case SET_ATTRIBUTES -> new ServiceTreeChange.SetAttributes(meta, id, attributes(attributes.getValue()));
        };
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("enter " + what);
        }
        return value.strip();
    }

    private static BigDecimal ratio(BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException("enter the traffic ratio");
        }
        return value;
    }

    static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> attributes(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("attribute lines look like key=value: '" + line.strip() + "'");
                }
                map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
