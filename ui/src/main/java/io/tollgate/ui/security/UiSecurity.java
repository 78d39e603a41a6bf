package io.tollgate.ui.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.tollgate.engine.security.BodyLimit;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The UI's filter chain: every view needs a signed-in person, except the login view. It is the last chain; the engine's
 * chains for {@code /engine-rest}, {@code /camunda} and {@code /api} come first.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class UiSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self';"
            + " object-src 'none'";

    @Bean
    SecurityFilterChain uiChain(HttpSecurity http, ObjectMapper json) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                // error pages of the other chains (a 401 from /engine-rest) must not turn into a login redirect
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/**").hasRole("ADMIN"));
        // Vaadin's client needs inline styles and its bootstrap script; nothing is loaded from elsewhere, nothing frames us
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        // Vaadin's login form posts without Spring's CSRF token; the sign-in is held to Tollgate's own pages instead
        http.addFilterBefore(new SameSiteSignIn(), UsernamePasswordAuthenticationFilter.class);
        // Vaadin reads a message whole: 1 MiB before signing in (a 300 MB one on the login page exhausted the heap)
        http.addFilterAfter(BodyLimit.forPages(json), AnonymousAuthenticationFilter.class);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }
}
