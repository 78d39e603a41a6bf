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
                Variables.VIOLATIONS.set(execution, "only an empty leaf without servers may be deleted");
                throw new BpmnError(Errors.CHANGE_INVALID, "the change breaks the tree's rules");
            }
            Variables.PLAN.set(execution, "{\"kind\":\"fake\"}");
            Variables.APPROVER_USERS.set(execution, "bob");
            Variables.APPROVER_GROUPS.set(execution, "loki-web");
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
                task.addCandidateUser(Variables.APPROVER_USERS.require(task));
                task.addCandidateGroup(Variables.APPROVER_GROUPS.require(task));
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
