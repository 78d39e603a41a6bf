package io.tollgate.engine.mail;

import java.time.Instant;

import io.tollgate.engine.TestClock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * What the mail tests start (with {@code @DataJpaTest}'s JPA, Flyway and H2): accounts, the mail feature with the
 * webhooks it publishes to, and the SMTP adapter, with a clock the tests move.
 */
@SpringBootConfiguration
@AutoConfigurationPackage(basePackages = "io.tollgate.engine")
@ComponentScan(basePackages = {"io.tollgate.engine.account", "io.tollgate.engine.mail", "io.tollgate.engine.webhook",
        "io.tollgate.integrations.mail"},
        // other tests' own configurations live in these packages too
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*IT(\\$.*)?"))
class MailTestApplication {

    @Bean
    TestClock clock() {
        return new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    }
}
