package io.tollgate.engine.tasklist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

@Component
class CamundaTasklist implements Tasklist {

    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;

    CamundaTasklist(TaskService taskService, RepositoryService repositoryService, RuntimeService runtimeService) {
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
    }

    @Override
    public List<TaskSummary> tasksFor(String username, Collection<String> groups) {
        List<Task> tasks = new ArrayList<>(taskService.createTaskQuery().taskAssignee(username)
                .orderByTaskCreateTime().desc().list());
        tasks.addAll(offeredTo(username, groups).orderByTaskCreateTime().desc().list());
        Map<String, ProcessDefinition> definitions = definitions(tasks);
        Map<String, String> businessKeys = businessKeys(tasks);
        return tasks.stream().map(t -> new TaskSummary(t.getId(), t.getName(),
                key(definitions.get(t.getProcessDefinitionId())), name(definitions.get(t.getProcessDefinitionId())),
                businessKeys.get(t.getProcessInstanceId()), t.getAssignee(),
                t.getCreateTime() == null ? null : t.getCreateTime().toInstant(),
                t.getDueDate() == null ? null : t.getDueDate().toInstant())).toList();
    }

    @Override
    public long countFor(String username, Collection<String> groups) {
        return taskService.createTaskQuery().taskAssignee(username).count() + offeredTo(username, groups).count();
    }

    /** Unassigned tasks offered to the person by name or through one of their groups. */
    private TaskQuery offeredTo(String username, Collection<String> groups) {
        TaskQuery query = taskService.createTaskQuery().taskUnassigned().or().taskCandidateUser(username);
        if (!groups.isEmpty()) {
            // a mutable list: with a candidate user, Camunda adds that user's identity groups to it
            query = query.taskCandidateGroupIn(new ArrayList<>(groups));
        }
        return query.endOr();
    }

    private static String key(ProcessDefinition definition) {
        return definition == null ? null : definition.getKey();
    }

    private static String name(ProcessDefinition definition) {
        return definition == null ? null : definition.getName() != null ? definition.getName() : definition.getKey();
    }

    private Map<String, ProcessDefinition> definitions(List<Task> tasks) {
        String[] ids = tasks.stream().map(Task::getProcessDefinitionId).filter(Objects::nonNull)
                .distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        return repositoryService.createProcessDefinitionQuery().processDefinitionIdIn(ids).list().stream()
                .collect(Collectors.toMap(ProcessDefinition::getId, d -> d, (a, b) -> a));
    }

    private Map<String, String> businessKeys(List<Task> tasks) {
        Set<String> ids = tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new HashMap<>();
        runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list()
                .forEach(pi -> keys.put(pi.getId(), pi.getBusinessKey()));
        return keys;
    }
}
