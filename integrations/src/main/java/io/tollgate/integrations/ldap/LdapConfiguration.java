package io.tollgate.integrations.ldap;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ldap.core.support.LdapContextSource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LdapProperties.class)
class LdapConfiguration {

    @Bean
    @ConditionalOnExpression("!'${tollgate.ldap.url:}'.isBlank()")
    LdapDirectory ldapDirectory(LdapProperties properties) {
        LdapContextSource source = new LdapContextSource();
        source.setUrl(properties.url());
        source.setBase(properties.base());
        if (properties.managerDn() == null || properties.managerDn().isBlank()) {
            source.setAnonymousReadOnly(true);
        } else {
            source.setUserDn(properties.managerDn());
            source.setPassword(properties.managerPassword());
        }
        Map<String, Object> environment = new HashMap<>();
        environment.put("com.sun.jndi.ldap.connect.timeout", Long.toString(properties.connectTimeout().toMillis()));
        environment.put("com.sun.jndi.ldap.read.timeout", Long.toString(properties.readTimeout().toMillis()));
        source.setBaseEnvironmentProperties(environment);
        source.afterPropertiesSet();
        return new LdapDirectory(source, properties);
    }
}
