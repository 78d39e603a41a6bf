package io.tollgate.engine.tasklist.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        return whyNotEach(List.of(new Listed(processKey, businessKey, task)), person).get(0);
    }

    /** Each feature asked once, for all of its tasks. */
    @Override
    public List<Optional<String>> whyNotEach(List<Listed> tasks, String person) {
        List<Optional<String>> answers = new ArrayList<>(tasks.size());
        Map<ApprovalEligibility, List<Integer>> indexes = new LinkedHashMap<>();
        Map<ApprovalEligibility, List<ApprovalEligibility.Ask>> asks = new LinkedHashMap<>();
        for (Listed listed : tasks) {
            Task task = listed.task();
            ApprovalEligibility feature = listed.processKey() == null ? null : features.get(listed.processKey());
            Optional<String> step = Optional.empty();
            if (feature == null || !KnownProcesses.isApproval(listed.processKey(), task.getTaskDefinitionKey())) {
                answers.add(Optional.empty());
            } else if (listed.businessKey() == null) {
                answers.add(Optional.of("task '" + task.getName() + "' belongs to no recorded request"));
            } else if ((step = approvalTasks.step(task)).isEmpty()) {
                answers.add(Optional.of("task '" + task.getName() + "' names no approval step"));
            } else {
                indexes.computeIfAbsent(feature, f -> new ArrayList<>()).add(answers.size());
                asks.computeIfAbsent(feature, f -> new ArrayList<>())
                        .add(new ApprovalEligibility.Ask(listed.businessKey(), step.get()));
                answers.add(Optional.empty());
            }
        }
        asks.forEach((feature, featureAsks) -> {
            List<Optional<String>> featureAnswers = feature.whyNotEach(featureAsks, person);
            List<Integer> at = indexes.get(feature);
            for (int i = 0; i < at.size(); i++) {
                answers.set(at.get(i), featureAnswers.get(i));
            }
        });
        return answers;
    }
}
