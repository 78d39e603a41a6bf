package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.engine.review.internal.statement.JdbcTargetMetadata;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the built-in reviewer: settings ({@code tollgate.review.*}), rule levels from the database, the JDBC metadata adapter, the
 * executor's settings (a statement naming its ledger schema is refused as the executor refuses it; one over its
 * rows-per-statement limit is warned of). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewProperties.class)
public class ReviewConfiguration {

    @Bean
    MysqlMetadataReader reviewMetadataReader(ReviewProperties properties) {
        return new MysqlMetadataReader(properties.queryTimeout());
    }

    @Bean
    SqlReviewer builtInSqlReviewer(ReviewProperties properties, RuleLevelSource levels, MysqlMetadataReader reader,
                                   ObjectProvider<ExecutionSettings> execution) {
        return new BuiltInSqlReviewer(properties, levels, coordinates -> new JdbcTargetMetadata(reader.open(
                new MysqlCoordinates(coordinates.host(), coordinates.port(), coordinates.user(), coordinates.password(), null))),
                execution.getIfAvailable(ExecutionSettings::defaults));
    }
}
