package io.tollgate.engine.approval;

import java.util.ArrayList;
import java.util.List;

import io.tollgate.engine.InvalidRequestException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
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
 * and callers that look for it find it as before. Input Tollgate refuses inside the engine ({@link
 * InvalidRequestException}: a decision completed in Cockpit with a resolution that is none, say) leaves it alike as a
 * {@link BadUserRequestException}, which Camunda's REST API answers with 400 and the words (as a form field's
 * refusal on a task's completion, the one kind it answers there with 400).
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

    /** Input Tollgate refused, in {@code failure}'s causes, or null. */
    static InvalidRequestException invalidIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRequestException invalid) {
                return invalid;
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
                if (refused != null) {
                    throw new RefusedInEngine(refused.getMessage(), failure);
                }
                InvalidRequestException invalid = invalidIn(failure);
                if (invalid != null && (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
                    // what Camunda's REST API answers with 400 on a task's completion or form; anything else is a 500
                    throw new InvalidFormInEngine(invalid.getMessage(), failure);
                }
                if (invalid != null) {
                    throw new InvalidInEngine(invalid.getMessage(), failure);
                }
                throw failure;
            }
        }
    }

    /** Refused input of a task's completion as it leaves the engine (its cause: the engine's, Tollgate's inside). */
    static final class InvalidFormInEngine extends FormFieldValidationException {

        InvalidFormInEngine(String message, ProcessEngineException failure) {
            super(null, message, failure);
        }
    }

    /** Refused input as it leaves the engine; its cause is the engine's exception, with Tollgate's inside. */
    static final class InvalidInEngine extends BadUserRequestException {

        InvalidInEngine(String message, ProcessEngineException failure) {
            super(message, failure);
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
