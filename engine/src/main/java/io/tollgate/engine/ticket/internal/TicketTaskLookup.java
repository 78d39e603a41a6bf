package io.tollgate.engine.ticket.internal;

import io.tollgate.processes.ticket.SqlTicketProcess;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open tasks of one ticket: the tasks of the {@code sqlTicket} process instance whose business key is the ticket,
 * as {@code createTaskQuery().processDefinitionKey(sqlTicket).processInstanceBusinessKey(id)} finds them, oldest id
 * first, in one short statement. Camunda's task query builds its SQL from a mapping of some hundred optional criteria
 * on every call, which was 3 % of a ticket's CPU when a decision by ticket looked up its approval. Like every task
 * query through the Java API it applies no Camunda authorization: Tollgate's policy decides who may act on a task.
 */
@Component
public class TicketTaskLookup {

    private final TaskService taskService;
    private final String sql;

    TicketTaskLookup(TaskService taskService, ManagementService managementService) {
        this.taskService = taskService;
        this.sql = "SELECT T.* FROM " + managementService.getTableName(Task.class) + " T"
                + " INNER JOIN " + managementService.getTableName(ProcessInstance.class) + " P"
                + " ON P.ID_ = T.PROC_INST_ID_"
                + " INNER JOIN " + managementService.getTableName(ProcessDefinition.class) + " D"
                + " ON D.ID_ = T.PROC_DEF_ID_"
                + " WHERE P.BUSINESS_KEY_ = #{ticketId} AND D.KEY_ = #{processKey} ORDER BY T.ID_";
    }

    /** The ticket's open tasks; none when the ticket has none open or is unknown. */
    List<Task> openTasks(String ticketId) {
        if (ticketId == null || ticketId.isBlank()) {
            return List.of();
        }
        return taskService.createNativeTaskQuery().sql(sql).parameter("ticketId", ticketId)
                .parameter("processKey", SqlTicketProcess.KEY).list();
    }
}
