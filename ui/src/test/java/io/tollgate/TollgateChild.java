package io.tollgate;

import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tollgate in a JVM of its own for {@link ExecutionCrashIT}: the whole application on its embedded defaults (H2 file
 * database in the data folder given, no sandbox), with the target instance registered once. Prints {@link #READY}
 * when it serves requests. Arguments: data folder, HTTP port, instance name, host, port, user, password.
 */
public final class TollgateChild {

    static final String READY = "TOLLGATE-CHILD-READY";

    private TollgateChild() {
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(TollgateApplication.class,
                "--tollgate.data-dir=" + args[0], "--server.port=" + args[1], "--tollgate.sandbox.enabled=false",
                "--vaadin.launch-browser=false",
                // Tollgate's own models only, not the test resources' (as the packaged application deploys them)
                "--camunda.bpm.deployment-resource-pattern=classpath*:processes/*.bpmn,classpath*:processes/*.dmn");
        TargetInstances instances = context.getBean(TargetInstances.class);
        if (instances.find(args[2]).isEmpty()) {
            instances.register(new InstanceForm(args[2], args[3], Integer.parseInt(args[4]), args[5], args[6],
                    Environment.DEV, false, "reviewer"), "admin");
        }
        System.out.println(READY);
    }
}
