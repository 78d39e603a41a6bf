package io.tollgate.engine.deployment.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.ParseException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * A refused deployment is an answer to a person (400 with the element), not a failure of the engine: Camunda would
 * log it as {@code ENGINE-16004 Exception while closing command context} at ERROR with a long stack trace, once per
 * attempt, and anyone allowed to deploy could fill the log that way. This filter drops exactly that event for the
 * guard's own refusal; {@link StoredDeploymentRecords} has already written one WARN line and the record.
 */
@Component
class RefusalLogFilter extends TurboFilter {

    static final String CAMUNDA_COMMAND_LOGGER = "org.camunda.bpm.engine.context";

    RefusalLogFilter() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            setName("tollgate-model-guard-refusals");
            logging.addTurboFilter(this);
            start();
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (logger == null || !logger.getName().startsWith(CAMUNDA_COMMAND_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        return isRefusal(t) || (params != null && java.util.Arrays.stream(params).anyMatch(RefusalLogFilter::isRefusal))
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isRefusal(Object thrown) {
        return thrown instanceof ParseException e && e.getMessage() != null
                && e.getMessage().startsWith(ModelGuard.REFUSED);
    }
}
