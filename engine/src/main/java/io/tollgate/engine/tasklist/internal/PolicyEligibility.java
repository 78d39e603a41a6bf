package io.tollgate.engine.tasklist.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.ApprovalEligibility;
import io.tollgate.engine.approval.ApprovalTasks;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** {@link Eligibility} from each feature's {@link ApprovalEligibility}, for the step the task's model names. */
@Component
class PolicyEligibility implements Eligibility {

    private final Map<String, ApprovalEligibility> features;
    private final ApprovalTasks approvalTasks;

    PolicyEligibility(List<ApprovalEligibility> features, ApprovalTasks approvalTasks) {
        this.features = features.stream().collect(Collectors.toMap(ApprovalEligibility::processKey,
                Function.identity()));
        this.approvalTasks = approvalTasks;
    }

    @Override
    public Optional<String> whyNot(String processKey, String businessKey, Task task, String person) {
        ApprovalEligibility feature = processKey == null ? null : features.get(processKey);
        if (feature == null || !KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey())) {
            return Optional.empty();
        }
        if (businessKey == null) {
            return Optional.of("task '" + task.getName() + "' belongs to no recorded request");
        }
        Optional<String> step = approvalTasks.step(task);
        if (step.isEmpty()) {
            return Optional.of("task '" + task.getName() + "' names no approval step");
        }
        return feature.whyNot(businessKey, step.get(), person);
    }
}
