package io.tollgate.engine.tasklist;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tollgate.engine.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link TaskEvents} fed by the engine: a Camunda plugin appends a listener for create, assignment, complete and
 * delete to every user task of every process ({@link EveryUserTask}, as for the task-created mails). Each change is
 * handed over when the engine's transaction commits (nothing for a rolled-back one) to one delivery thread with a
 * bounded queue, which tells the subscribers one after the other, each isolated from the others' failures.
 */
@Component
class CamundaTaskEvents extends AbstractProcessEnginePlugin implements TaskEvents, DisposableBean {

    /** Changes waiting for delivery at most; beyond, changes are dropped (and logged) rather than piling up. */
    static final int MAX_PENDING = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(CamundaTaskEvents.class);
    private static final Map<String, TaskChange.Type> EVENTS = Map.of(
            TaskListener.EVENTNAME_CREATE, TaskChange.Type.CREATED,
            TaskListener.EVENTNAME_ASSIGNMENT, TaskChange.Type.ASSIGNED,
            TaskListener.EVENTNAME_COMPLETE, TaskChange.Type.COMPLETED,
            TaskListener.EVENTNAME_DELETE, TaskChange.Type.DELETED);

    private final List<Consumer<TaskChange>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING), runnable -> {
                Thread thread = new Thread(runnable, "tollgate-task-events");
                thread.setDaemon(true);
                return thread;
            }, (runnable, executor) -> LOG.warn("{} task changes wait for delivery already; one is dropped",
                    MAX_PENDING));

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, List.copyOf(EVENTS.keySet()),
                processKey -> task -> changed(EVENTS.get(task.getEventName()), processKey, task));
    }

    @Override
    public Registration subscribe(Consumer<TaskChange> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<TaskChange> subscription = listener::accept; // its own identity, so each registration removes itself
        subscribers.add(subscription);
        return () -> subscribers.remove(subscription);
    }

    void changed(TaskChange.Type type, String processKey, DelegateTask task) {
        if (subscribers.isEmpty()) {
            return;
        }
        DelegateExecution execution = task.getExecution();
        TaskChange change = new TaskChange(type, task.getId(), processKey,
                execution == null ? null : execution.getProcessBusinessKey(), task.getAssignee());
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            publish(change);
        } else {
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> publish(change));
        }
    }

    private void publish(TaskChange change) {
        if (!delivery.isShutdown()) {
            delivery.execute(() -> deliver(change));
        }
    }

    private void deliver(TaskChange change) {
        for (Consumer<TaskChange> subscriber : subscribers) {
            try {
                subscriber.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a task change subscriber failed on {}", change, e);
            }
        }
    }

    @Override
    public void destroy() {
        delivery.shutdownNow();
    }
}
