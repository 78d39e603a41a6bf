package io.tollgate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.tasklist.TaskEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tollgate in a JVM of its own for {@link ExecutionCrashIT} and {@link TwoNodesIT}: the whole application on its
 * embedded defaults (H2 file database in the data folder given, no sandbox), with the target instance registered once.
 * Prints {@link #READY} when it serves requests, and a {@link #TASK_CHANGE} line for each change its
 * {@link TaskEvents} delivers (what a tasklist open on this node is told). Arguments: data folder, HTTP port, instance
 * name, host, port, user, password; any further ones are Spring arguments ({@code --spring.datasource.url=...}, a
 * shared ZooKeeper), which point the node at a shared database and ensemble instead.
 */
public final class TollgateChild {

    public static final String READY = "TOLLGATE-CHILD-READY";
    /** Followed by the change's type, business key and the epoch milliseconds at which it was delivered. */
    static final String TASK_CHANGE = "TOLLGATE-CHILD-TASK-CHANGE";

    private TollgateChild() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1); // the parent sees the JVM gone at once instead of waiting for READY
        }
    }

    private static void run(String[] args) {
        List<String> spring = new ArrayList<>(List.of(
                "--tollgate.data-dir=" + args[0], "--server.port=" + args[1], "--tollgate.sandbox.enabled=false",
                "--vaadin.launch-browser=false",
                // Tollgate's own models only, not the test resources' (as the packaged application deploys them)
                "--camunda.bpm.deployment-resource-pattern=classpath*:processes/*.bpmn,classpath*:processes/*.dmn"));
        spring.addAll(Arrays.asList(args).subList(7, args.length));
        ConfigurableApplicationContext context = SpringApplication.run(TollgateApplication.class,
                spring.toArray(String[]::new));
        // the embedded profile makes demo accounts on H2 only; on a shared MariaDB the harness makes them
        Accounts accounts = context.getBean(Accounts.class);
        for (Role role : Role.values()) {
            unlessAnotherNodeDid(() -> accounts.find(role.groupId()).isPresent(), () -> accounts.createLocal(
                    role.groupId(), role.groupId() + "-demo", "Demo " + role.groupId(), null, EnumSet.of(role)));
        }
        TargetInstances instances = context.getBean(TargetInstances.class);
        unlessAnotherNodeDid(() -> instances.find(args[2]).isPresent(), () -> instances.register(new InstanceForm(
                args[2], args[3], Integer.parseInt(args[4]), args[5], args[6], Environment.DEV, false, "reviewer"),
                "admin"));
        context.getBean(TaskEvents.class).subscribe(change -> System.out.println(TASK_CHANGE + " " + change.type()
                + " " + change.businessKey() + " " + System.currentTimeMillis()));
        System.out.println(READY);
    }

    /** The harness's own set-up, which nodes started together may race for: whoever writes first, it is there. */
    private static void unlessAnotherNodeDid(BooleanSupplier done, Runnable doIt) {
        if (done.getAsBoolean()) {
            return;
        }
        try {
            doIt.run();
        } catch (RuntimeException raced) {
            if (!done.getAsBoolean()) {
                throw raced;
            }
        }
    }
}
