package io.tollgate.processes.servicetree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.tollgate.processes.ProcessTestEngine;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Errors;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Doubles of the {@code serviceTreeChange} delegates and listeners, registered under their bean names. Each test
 * queues what validation and apply should answer; every call is recorded by bean name.
 */
final class FakeServiceTreeSteps {

    enum Validation { VALID, CRITICAL, INVALID }

    enum Apply { APPLIED, CONFLICT, ZOOKEEPER_DOWN }

    final List<String> calls = new ArrayList<>();
    private final Deque<Validation> validations = new ArrayDeque<>();
    private final Deque<Apply> applies = new ArrayDeque<>();

    FakeServiceTreeSteps() {
        ProcessTestEngine.register(Beans.VALIDATE_CHANGE, (JavaDelegate) execution -> {
            calls.add(Beans.VALIDATE_CHANGE);
            Validation validation = validations.isEmpty() ? Validation.VALID : validations.poll();
            if (validation == Validation.INVALID) {
                throw new BpmnError(Errors.CHANGE_INVALID, "the change breaks the tree's rules");
            }
            Variables.CRITICAL.set(execution, validation == Validation.CRITICAL);
        });
        ProcessTestEngine.register(Beans.APPLY_CHANGE, (JavaDelegate) execution -> {
            calls.add(Beans.APPLY_CHANGE);
            Apply apply = applies.isEmpty() ? Apply.APPLIED : applies.poll();
            if (apply == Apply.CONFLICT) {
                Variables.CONFLICT.set(execution, "node 7 changed");
                throw new BpmnError(Errors.APPLY_CONFLICT, "node 7 changed");
            }
            if (apply == Apply.ZOOKEEPER_DOWN) {
                throw new IllegalStateException("ZooKeeper is unreachable; safe to retry");
            }
        });
        for (String bean : List.of(Beans.VERIFY_CHANGE, Beans.REMIND_APPROVERS, Beans.RECORD_EXPIRY,
                Beans.RECORD_WITHDRAWAL)) {
            ProcessTestEngine.register(bean, (JavaDelegate) execution -> calls.add(bean));
        }
        ProcessTestEngine.register(Beans.OFFER_TO_APPROVERS, (TaskListener) task -> {
            calls.add(Beans.OFFER_TO_APPROVERS);
            task.removeVariable(Variables.APPROVED.name());
            if (Elements.TASK_OWNER_APPROVAL.equals(task.getTaskDefinitionKey())) {
                // the real listener offers it to the approvers in the change's row
                task.addCandidateUser("bob");
                task.addCandidateGroup("loki-web");
            }
        });
        ProcessTestEngine.register(Beans.RECORD_DECISION, (TaskListener) task -> calls.add(Beans.RECORD_DECISION));
    }

    FakeServiceTreeSteps validations(Validation... answers) {
        validations.addAll(List.of(answers));
        return this;
    }

    FakeServiceTreeSteps applies(Apply... answers) {
        applies.addAll(List.of(answers));
        return this;
    }

    long count(String bean) {
        return calls.stream().filter(bean::equals).count();
    }
}
