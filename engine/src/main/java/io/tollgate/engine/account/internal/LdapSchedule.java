package io.tollgate.engine.account.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** With LDAP on, {@link DirectorySync#syncAllOnSchedule()} runs every {@code tollgate.ldap.sync-interval}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${tollgate.ldap.url:}'.isBlank() && !'${tollgate.ldap.sync-interval:15m}'.equals('0')")
@EnableScheduling
class LdapSchedule {
}
