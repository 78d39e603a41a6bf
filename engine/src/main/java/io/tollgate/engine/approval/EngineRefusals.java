package io.tollgate.engine.approval;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A refusal of the approval policy's raised inside the engine (a task listener refusing an assignment, a completion)
 * leaves the engine as a refusal: Camunda wraps whatever a task listener throws in a plain
 * {@link ProcessEngineException} ("Exception while invoking TaskListener: ..."), which its REST API, Cockpit's
 * included, answers with 500 as if the server had failed. Around every engine command, such an exception becomes an
 * {@link AuthorizationException} with the policy's own words, which Camunda's REST API answers with 403 (and logs as a
 * refusal, not an error). The policy's exception stays the root cause, so Tollgate's own API, which answers by it,
 * and callers that look for it find it as before.
 */
@Component
class EngineRefusals extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                withRefusals(configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                withRefusals(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
    }

    private static List<CommandInterceptor> withRefusals(List<CommandInterceptor> interceptors) {
        List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
        all.add(new Refusals());
        return all;
    }

    /** The policy's refusal in {@code failure}'s causes, or null. */
    static ApprovalRefusedException refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApprovalRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    private static final class Refusals extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (AuthorizationException refusal) {
                throw refusal;
            } catch (ProcessEngineException failure) {
                ApprovalRefusedException refused = refusalIn(failure);
                if (refused == null) {
                    throw failure;
                }
                throw new RefusedInEngine(refused.getMessage(), failure);
            }
        }
    }

    /** The policy's refusal as it leaves the engine; its cause is the engine's exception, with the policy's inside. */
    static final class RefusedInEngine extends AuthorizationException {

        RefusedInEngine(String message, ProcessEngineException failure) {
            super(message);
            initCause(failure);
        }
    }
}
