package io.tollgate.engine.servicetree.internal.journal;

import io.tollgate.engine.account.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Recipients;
import org.springframework.stereotype.Component;

/**
 * Tells people what became of a service-tree change: the requester and the node's owners when it is rejected,
 * conflicts or is applied, the requester when it is approved, the approvers when a decision is overdue. Mails go
 * through the outbox in the step's transaction, so a retried step that rolled back never mails twice and SMTP never
 * blocks a step. (Approvers are mailed when their task is created by the task-created mails of every process.)
 */
@Component
class ChangeNotices {

    static final String TREE_LINK = "/service-tree";
    static final String APPROVALS_LINK = "/service-tree/approvals";
    /** A change's own page: this and its id. */
    static final String CHANGES_LINK = "/service-tree/changes/";

    private final Notifications notifications;

    ChangeNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    void approved(ChangeEntry entry, String actor) {
        notifications.notify(MailKind.TREE_CHANGE_APPROVED, Recipients.users(entry.requester()),
                parameters(entry, "actor", actor), TREE_LINK);
    }

    void rejected(ChangeEntry entry, String actor, String comment) {
        notifications.notify(MailKind.TREE_CHANGE_REJECTED, requesterAndOwners(entry),
                parameters(entry, "actor", actor, "comment", comment == null ? "" : comment), TREE_LINK);
    }

    void conflicted(ChangeEntry entry) {
        notifications.notify(MailKind.TREE_CHANGE_CONFLICTED, requesterAndOwners(entry), parameters(entry),
                APPROVALS_LINK);
    }

    void applied(ChangeEntry entry) {
        notifications.notify(MailKind.TREE_CHANGE_APPLIED, requesterAndOwners(entry), parameters(entry), TREE_LINK);
    }

    /** A step ran out of retries: the SREs, who may retry it, and the requester hear of it (ADR 0052). */
    void stuck(ChangeEntry entry, String step, String why) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("what", "service-tree change " + entry.changeId() + " on " + path(entry));
        parameters.put("step", step);
        parameters.put("error", why);
        parameters.put("who", "an SRE");
        notifications.notify(MailKind.STEP_STUCK, Recipients.users(entry.requester())
                .and(Recipients.groups(Role.SRE.groupId())), parameters, CHANGES_LINK + entry.changeId());
    }

    void remind(ChangeEntry entry, Instant waitingSince) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("taskName", "Approve service-tree change " + entry.changeId());
        parameters.put("title", path(entry) + ": " + entry.reason());
        parameters.put("waitingSince", waitingSince);
        notifications.notify(MailKind.APPROVAL_REMINDER, owners(entry), parameters, APPROVALS_LINK);
    }

    private static Map<String, Object> parameters(ChangeEntry entry, Object... more) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("changeId", entry.changeId());
        parameters.put("path", path(entry));
        for (int i = 0; i + 1 < more.length; i += 2) {
            parameters.put((String) more[i], more[i + 1]);
        }
        return parameters;
    }

    private static String path(ChangeEntry entry) {
        return entry.nodePath() == null ? "node " + entry.nodeId() : entry.nodePath();
    }

    private static Recipients requesterAndOwners(ChangeEntry entry) {
        return Recipients.users(entry.requester()).and(owners(entry));
    }

    /** The owners as the plan named them ({@code user:alice}, {@code group:sre}), the requester left out. */
    static Recipients owners(ChangeEntry entry) {
        Approvers approvers = Approvers.of(entry.approvers(), entry.requester());
        return new Recipients(java.util.Set.copyOf(approvers.users()), java.util.Set.copyOf(approvers.groups()));
    }
}
