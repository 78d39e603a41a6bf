package io.tollgate.engine.mail.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tollgate.engine.EveryUserTask;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Recipients;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Mails the people a user task waits for when it is created: its assignee if it has one (then only them), else its
 * candidate users and candidate groups' members,
 * for every process, in the transaction of the step that created it ({@link MailKind#TASK_CREATED}). The listener is
 * appended after each task's own listeners, so candidates that a model's create listener adds are included.
 * Parameters: {@code taskName}, {@code title} (the process's name and business key) and {@code requester} (for a ticket
 * or a tree change, who asked for it as the approval policy knows it; for other processes, the process variable
 * {@value #REQUESTER_VARIABLE}, if any).
 */
@Component
class TaskCreatedMails extends AbstractProcessEnginePlugin {

    static final String REQUESTER_VARIABLE = "requester";
    static final String TASKLIST_LINK = "/tasks";
    /** Where a ticket's and a tree change's task mails lead: the page that offers the task's buttons. */
    static final String TICKET_LINK = "/tickets/";
    static final String TREE_APPROVAL_LINK = "/service-tree/approvals/";

    private final ObjectProvider<Notifications> notifications;
    private final ObjectProvider<ApprovalPolicy> policy;

    TaskCreatedMails(ObjectProvider<Notifications> notifications, ObjectProvider<ApprovalPolicy> policy) {
        this.notifications = notifications; // resolved per task: the plugin is built before JPA is ready
        this.policy = policy;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, List.of(TaskListener.EVENTNAME_CREATE),
                processKey -> TaskCreatedMails.this::taskCreated);
    }

    void taskCreated(DelegateTask task) {
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            users.add(task.getAssignee());
        }
        // a task assigned at its creation (a reviewer the submitter asked for, say) is that person's alone
        for (IdentityLink candidate : task.getAssignee() != null ? List.<IdentityLink>of() : task.getCandidates()) {
            if (candidate.getUserId() != null) {
                users.add(candidate.getUserId());
            }
            if (candidate.getGroupId() != null) {
                groups.add(candidate.getGroupId());
            }
        }
        if (users.isEmpty() && groups.isEmpty()) {
            return;
        }
        ExecutionEntity execution = (ExecutionEntity) task.getExecution();
        String process = execution == null ? "" : execution.getProcessDefinition().getName();
        String businessKey = execution == null ? null : execution.getProcessBusinessKey();
        String processKey = execution == null ? null : execution.getProcessDefinition().getKey();
        // Tollgate's own processes: who asked, from Tollgate's rows; other processes: their requester variable
        Object requester = policy.getObject().requesterOf(processKey, businessKey)
                .map(Object.class::cast).orElseGet(() -> task.getVariable(REQUESTER_VARIABLE));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("taskName", task.getName() == null ? task.getTaskDefinitionKey() : task.getName());
        parameters.put("title", (process == null ? "" : process) + (businessKey == null ? "" : " " + businessKey));
        parameters.put("requester", requester == null ? "-" : requester.toString());
        notifications.getObject().notify(MailKind.TASK_CREATED, new Recipients(users, groups), parameters,
                link(processKey, businessKey));
    }

    /** The ticket's or the change's own page, where the task's buttons are; the tasklist for other processes. */
    static String link(String processKey, String businessKey) {
        if (businessKey == null) {
            return TASKLIST_LINK;
        }
        if (SqlTicketProcess.KEY.equals(processKey)) {
            return TICKET_LINK + businessKey;
        }
        return ServiceTreeChangeProcess.KEY.equals(processKey) ? TREE_APPROVAL_LINK + businessKey : TASKLIST_LINK;
    }
}
