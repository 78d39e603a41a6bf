package io.tollgate.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On MySQL/MariaDB, makes JDBC metadata lookups see only Tollgate's own database. Connector/J otherwise answers
 * "does table ACT_GE_PROPERTY exist?" from every database on the server, so Camunda skips creating its schema when
 * another database on the same server (another Tollgate, another Camunda application) already has one.
 */
@Component
class MysqlCatalogScope implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:mysql:")) {
            dataSource.addDataSourceProperty("nullDatabaseMeansCurrent", "true");
        }
        return bean;
    }
}
