package io.tollgate.engine.servicetree;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link ServiceTreeChangeProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceTreeChangeProperties.class)
class ServiceTreeChangeConfiguration {
}
