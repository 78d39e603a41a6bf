package io.tollgate.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies mean exactly what they say: a field the request does not take, or a field given twice, is a 400
 * that names it ({@link UnreadableBodies}), never dropped or overwritten in silence. A mistyped {@code "sheduledAt"}
 * or {@code "reviwer"} was ignored, so a ticket ran at once or went to the whole group; of a duplicated {@code "sql"},
 * a proxy or log that reads the first one saw other SQL than Tollgate, which took the last.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer unknownAndRepeatedFieldsRefused() {
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
