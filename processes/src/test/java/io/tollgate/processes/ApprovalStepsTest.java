package io.tollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.Collectors;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.Test;

/** The shipped models mark exactly their approval tasks with {@link ApprovalSteps#PROPERTY}, one step each. */
class ApprovalStepsTest {

    @Test
    void sqlTicketMarksItsThreeApprovals() throws Exception {
        assertThat(stepsOf(SqlTicketProcess.RESOURCE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                SqlTicketProcess.Elements.TASK_REVIEWER_APPROVAL, ApprovalSteps.REVIEWER,
                SqlTicketProcess.Elements.TASK_DBA_APPROVAL, ApprovalSteps.DBA,
                SqlTicketProcess.Elements.TASK_ROLLBACK_APPROVAL, ApprovalSteps.ROLLBACK));
    }

    @Test
    void serviceTreeChangeMarksItsTwoApprovals() throws Exception {
        assertThat(stepsOf(ServiceTreeChangeProcess.RESOURCE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                ServiceTreeChangeProcess.Elements.TASK_OWNER_APPROVAL, ApprovalSteps.OWNER,
                ServiceTreeChangeProcess.Elements.TASK_SRE_APPROVAL, ApprovalSteps.SRE));
    }

    /** User task id → the value of its approval-step property, for the user tasks that have one. */
    private static Map<String, String> stepsOf(String resource) throws Exception {
        BpmnModelInstance model;
        try (InputStream in = ApprovalStepsTest.class.getClassLoader().getResourceAsStream(resource)) {
            model = Bpmn.readModelFromStream(in);
        }
        return model.getModelElementsByType(UserTask.class).stream()
                .filter(task -> task.getExtensionElements() != null)
                .flatMap(task -> task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
                                .list().stream()
                        .flatMap(properties -> properties.getCamundaProperties().stream())
                        .filter(property -> ApprovalSteps.PROPERTY.equals(property.getCamundaName()))
                        .map(property -> Map.entry(task.getId(), property)))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getCamundaValue()));
    }
}
