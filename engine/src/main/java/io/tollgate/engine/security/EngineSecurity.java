package io.tollgate.engine.security;

import java.util.Map;

import io.tollgate.engine.account.Role;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Filter chains for everything that is not the Vaadin UI. They come before the UI's chain.
 * <ul>
 *   <li>{@code /engine-rest/**} (Camunda Modeler, scripts): HTTP Basic, no session. Reading needs process-owner,
 *   auditor or admin; anything else (deploying, starting, deleting) needs process-owner or admin. Engine
 *   authorization then checks each call again, so an auditor's read-only grants hold even on query endpoints.</li>
 *   <li>{@code /camunda/**} (Cockpit and friends): the UI's session; process-owner, auditor or admin. The admin
 *   webapp's first-run setup endpoint is closed for good.</li>
 *   <li>{@code /api/**} (Tollgate's REST API for CI pipelines): HTTP Basic, no session, any signed-in person;
 *   each endpoint checks what it allows.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EngineSecurity {

    static final String PROCESS_OWNER = Role.PROCESS_OWNER.name();
    static final String AUDITOR = Role.AUDITOR.name();
    static final String ADMIN = Role.ADMIN.name();

    @Bean
    @Order(10)
    SecurityFilterChain engineRestChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path(HttpMethod.GET, "/engine-rest/**")).hasAnyRole(PROCESS_OWNER, AUDITOR, ADMIN)
                        .requestMatchers(path(HttpMethod.HEAD, "/engine-rest/**")).hasAnyRole(PROCESS_OWNER, AUDITOR, ADMIN)
                        .anyRequest().hasAnyRole(PROCESS_OWNER, ADMIN))
                .httpBasic(basic -> basic.realmName("tollgate"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain camundaWebappChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
                        .requestMatchers(path("/camunda/api/admin/auth/user/*/login/**")).denyAll()
                        .anyRequest().hasAnyRole(PROCESS_OWNER, AUDITOR, ADMIN))
                // browsers are sent to the UI's login page; scripts may use HTTP Basic
                .httpBasic(basic -> basic.realmName("tollgate"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                // Camunda's webapps run their own CSRF protection (CsrfPreventionFilter)
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("tollgate"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Matches the whole path below the context path. Camunda's REST API and webapps are servlets of their own, so
     * Spring MVC's servlet-relative matchers would miss them.
     */
    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /** Hands the person Spring Security authenticated to Camunda's REST API, after Spring Security ran. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("tollgate-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityCamundaAuthenticationProvider.class.getName()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Signs the Spring Security person into Camunda's webapps, before Camunda's own authentication filter looks. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("tollgate-webapp-authentication");
        registration.addUrlPatterns("/camunda/*");
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityCamundaAuthenticationProvider.class.getName()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
