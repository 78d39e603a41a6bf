package io.tollgate.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the no-op process's clients learn, without polling, that its approval task exists and that its execute step
 * has run: once the transaction that did it commits, as the tickets' API wait does for tickets. Doing only that, the
 * task listener and the execute delegate stay no-ops for the process.
 */
final class NoOpSignals {

    private final ConcurrentMap<String, CompletableFuture<String>> tasks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Void>> executed = new ConcurrentHashMap<>();

    /** Completes with the approval task's id. */
    CompletableFuture<String> task(String processInstanceId) {
        return tasks.computeIfAbsent(processInstanceId, k -> new CompletableFuture<>());
    }

    CompletableFuture<Void> executed(String processInstanceId) {
        return executed.computeIfAbsent(processInstanceId, k -> new CompletableFuture<>());
    }

    void forget(String processInstanceId) {
        tasks.remove(processInstanceId);
        executed.remove(processInstanceId);
    }

    TaskListener taskCreated() {
        return task -> afterCommit(() -> task(task.getProcessInstanceId()).complete(task.getId()));
    }

    JavaDelegate executeStep() {
        return execution -> afterCommit(() -> executed(execution.getProcessInstanceId()).complete(null));
    }

    private static void afterCommit(Runnable signal) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.run();
            }
        });
    }
}
