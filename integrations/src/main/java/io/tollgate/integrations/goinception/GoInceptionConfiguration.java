package io.tollgate.integrations.goinception;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoInceptionProperties.class)
class GoInceptionConfiguration {

    @Bean
    GoInceptionClient goInceptionClient(GoInceptionProperties properties) {
        return new GoInceptionClient(properties);
    }
}
