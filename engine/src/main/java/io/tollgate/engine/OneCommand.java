package io.tollgate.engine;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Several engine calls as one Camunda command. Service calls made inside it join its command context, so what they
 * read (the task, its process instance, its identity links) is read once, into the command's entity cache, and what
 * they change is flushed once: a person's decision made as separate calls (read the task, its process instance and
 * links, assign it, comment on it, complete it) was six commands, each with its own context, re-reads and flush.
 */
@Component
public class OneCommand {

    private final ProcessEngineConfigurationImpl configuration;

    OneCommand(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    /**
     * Runs {@code check} (reads only: it finds what the change needs, or refuses by throwing), then {@code change} with
     * what it found, in one command and the caller's transaction. A refusal is thrown here after the command has
     * closed, unchanged, so that the engine does not treat a refused request as a failed command; whatever
     * {@code change} throws fails the command, and the transaction, as any engine call would.
     */
    public <T> void run(Supplier<T> check, Consumer<T> change) {
        RuntimeException[] refused = {null};
        configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            T found;
            try {
                found = check.get();
            } catch (RuntimeException refusal) {
                refused[0] = refusal;
                return null;
            }
            change.accept(found);
            return null;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
    }
}
