package io.tollgate.engine.account.internal;

import java.time.Clock;

import io.tollgate.engine.account.AccountProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountProperties.class)
class AccountConfiguration {

    /**
     * BCrypt for new hashes; the {id} prefix keeps older formats readable if the default ever changes. Matches are
     * remembered for a few minutes ({@link VerifiedPasswords}) so that HTTP Basic scripts do not pay BCrypt per request.
     */
    @Bean
    PasswordEncoder passwordEncoder(Clock clock) {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    }
}
