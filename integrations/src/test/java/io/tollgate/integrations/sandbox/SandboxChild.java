package io.tollgate.integrations.sandbox;

import java.nio.file.Path;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.event.EventListener;

/**
 * A stand-in for Tollgate in its own JVM, for tests about processes dying: the sandbox wired as Tollgate wires it
 * (started after the application is ready, stopped when it closes), printing {@link #READY} and the port when the
 * sandbox is up. Argument: the sandbox's data folder.
 */
public final class SandboxChild {

    static final String READY = "SANDBOX-READY ";

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(SandboxConfiguration.class, Announcer.class)
                .web(WebApplicationType.NONE)
                .properties("tollgate.sandbox.enabled=true", "tollgate.sandbox.data-dir=" + Path.of(args[0]))
                .run();
        Thread.currentThread().join(); // like a server: runs until it is stopped or killed
    }

    static class Announcer {
        @EventListener
        void onReady(SandboxReady ready) {
            System.out.println(READY + ready.port());
            System.out.flush();
        }
    }
}
