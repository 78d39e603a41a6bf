package io.tollgate.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
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
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .postConfigurer(StrictRequestBodies::noCoercion);
    }

    /**
     * A value of another kind is refused, not converted: {@code "approve": "true"} or {@code 1} approved a ticket while
     * {@code "yes"} was refused, {@code "mode": 1} meant SCHEDULED (the enum's position), a number became a title.
     */
    static void noCoercion(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
