package io.tollgate.engine.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * What the mail tests start (with {@code @DataJpaTest}'s JPA, Flyway and H2): accounts, the mail feature and the SMTP
 * adapter, with a clock the tests move.
 */
@SpringBootConfiguration
@AutoConfigurationPackage(basePackages = "io.tollgate.engine")
@ComponentScan(basePackages = {"io.tollgate.engine.account", "io.tollgate.engine.mail", "io.tollgate.integrations.mail"})
class MailTestApplication {

    @Bean
    TestClock clock() {
        return new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    }

    /** A clock that stands still until a test moves it. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
