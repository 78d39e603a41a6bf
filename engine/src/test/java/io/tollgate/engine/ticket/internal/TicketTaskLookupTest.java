package io.tollgate.engine.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ticket's open tasks by one native statement find what Camunda's task query by process key and business key
 * finds, on a real in-memory engine: only the ticket's own process, only that ticket, suspended ones too, none for an
 * unknown or blank ticket. (On MariaDB every decision by ticket and every task list of a ticket in the ITs uses it.)
 */
class TicketTaskLookupTest {

    private static ProcessEngine engine;
    private static TicketTaskLookup lookup;

    @BeforeAll
    static void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("lookup-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:lookup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("ticket.bpmn",
                Bpmn.createExecutableProcess(SqlTicketProcess.KEY).startEvent().parallelGateway("fork")
                        .userTask(Elements.TASK_REVIEWER_APPROVAL).camundaCandidateGroups("reviewer").endEvent()
                        .moveToNode("fork")
                        .userTask(Elements.TASK_DBA_APPROVAL).camundaCandidateGroups("dba").endEvent().done())
                .addModelInstance("other.bpmn", Bpmn.createExecutableProcess("someOwnersProcess").startEvent()
                        .userTask(Elements.TASK_REVIEWER_APPROVAL).endEvent().done())
                .deploy();
        lookup = new TicketTaskLookup(engine.getTaskService(), engine.getManagementService());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void findsTheTicketsOwnOpenTasksAsTheTaskQueryDoes() {
        String ticket = start(SqlTicketProcess.KEY, "T-" + UUID.randomUUID());
        String other = start(SqlTicketProcess.KEY, "T-" + UUID.randomUUID());
        start("someOwnersProcess", ticket); // another process with the ticket's id as its business key

        List<Task> found = lookup.openTasks(ticket);

        assertThat(found).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder(Elements.TASK_REVIEWER_APPROVAL, Elements.TASK_DBA_APPROVAL);
        assertThat(found).extracting(Task::getId).isSortedAccordingTo(String::compareTo)
                .containsExactlyInAnyOrderElementsOf(taskQuery(ticket));
        assertThat(found).allSatisfy(t -> { // mapped as the engine maps a task
            Task queried = engine.getTaskService().createTaskQuery().taskId(t.getId()).singleResult();
            assertThat(t.getProcessInstanceId()).isEqualTo(queried.getProcessInstanceId()).isNotNull();
            assertThat(t.getName()).isEqualTo(queried.getName());
            assertThat(t.getCreateTime()).isEqualTo(queried.getCreateTime());
            assertThat(t.getProcessDefinitionId()).isEqualTo(queried.getProcessDefinitionId());
        });
        assertThat(lookup.openTasks(other)).extracting(Task::getId).containsExactlyInAnyOrderElementsOf(
                taskQuery(other));
    }

    @Test
    void aCompletedTaskIsGoneAndASuspendedOneStays() {
        String ticket = start(SqlTicketProcess.KEY, "T-" + UUID.randomUUID());
        Task reviewer = lookup.openTasks(ticket).stream()
                .filter(t -> Elements.TASK_REVIEWER_APPROVAL.equals(t.getTaskDefinitionKey())).findFirst().orElseThrow();
        engine.getTaskService().complete(reviewer.getId());
        engine.getRuntimeService().suspendProcessInstanceByProcessDefinitionKey(SqlTicketProcess.KEY);
        try {
            assertThat(lookup.openTasks(ticket)).extracting(Task::getTaskDefinitionKey)
                    .containsExactly(Elements.TASK_DBA_APPROVAL);
            assertThat(lookup.openTasks(ticket)).extracting(Task::getId)
                    .containsExactlyElementsOf(taskQuery(ticket));
        } finally {
            engine.getRuntimeService().activateProcessInstanceByProcessDefinitionKey(SqlTicketProcess.KEY);
        }
    }

    @Test
    void anUnknownOrBlankTicketHasNoTasks() {
        assertThat(lookup.openTasks("T-" + UUID.randomUUID())).isEmpty();
        assertThat(lookup.openTasks(" ")).isEmpty();
        assertThat(lookup.openTasks(null)).isEmpty();
        assertThat(lookup.openTasks("' OR '1'='1")).isEmpty(); // a parameter, never SQL
    }

    private static String start(String processKey, String businessKey) {
        engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey, Map.of());
        return businessKey;
    }

    private static List<String> taskQuery(String ticket) {
        return engine.getTaskService().createTaskQuery().processDefinitionKey(SqlTicketProcess.KEY)
                .processInstanceBusinessKey(ticket).orderByTaskId().asc().list().stream().map(Task::getId).toList();
    }
}
