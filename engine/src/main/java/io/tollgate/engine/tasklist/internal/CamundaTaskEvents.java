package io.tollgate.engine.tasklist.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tollgate.engine.EveryUserTask;
import io.tollgate.engine.cluster.ClusterSignal;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskEvents;
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
 * bounded queue, which tells the subscribers one after the other, each isolated from the others' failures. The same
 * change goes to the other nodes as a {@link ClusterSignal} of kind TASK, and their task signals come in here.
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

    private final ClusterSignals cluster;

    CamundaTaskEvents(ClusterSignals cluster) {
        this.cluster = cluster;
        cluster.subscribe(ClusterSignal.Kind.TASK, new ClusterSignals.Listener() {
            @Override
            public void received(ClusterSignal signal) {
                publishHere(fromSignal(signal));
            }

            @Override
            public void missed() {
                publishHere(new TaskChange(TaskChange.Type.MISSED, null, null, null, null));
            }
        });
    }

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
        cluster.publish(ClusterSignal.Kind.TASK, List.of(change.type().name(), nullToEmpty(change.taskId()), nullToEmpty(change.processKey()),
                nullToEmpty(change.businessKey()), nullToEmpty(change.assignee())));
        publishHere(change);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static TaskChange fromSignal(ClusterSignal signal) {
        TaskChange.Type type;
        try {
            type = TaskChange.Type.valueOf(signal.value(0));
        } catch (RuntimeException unknown) {
            type = TaskChange.Type.MISSED; // a newer node's type: re-read
        }
        return new TaskChange(type, signal.value(1), signal.value(2), emptyToNull(signal.value(3)),
                emptyToNull(signal.value(4)));
    }

    private void publishHere(TaskChange change) {
        if (subscribers.isEmpty()) {
            return;
        }
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
