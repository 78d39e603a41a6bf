package io.tollgate.engine.security;

import java.util.List;
import java.util.Map;

import io.tollgate.engine.account.Role;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Filter chains for everything that is not the Vaadin UI. They come before the UI's chain.
 * <ul>
 *   <li>{@code /engine-rest/**} (Camunda Modeler, scripts): HTTP Basic, no session, process-owner, auditor or admin;
 *   deploying needs process-owner or admin. Behind it {@link EngineApiGate} lets through only reads, Camunda's POST
 *   queries and deployments ({@link EngineApiAllowList}), for every role, admins included, and no expressions.
 *   Engine authorization then checks each call again, so an auditor's read-only grants hold on queries too.</li>
 *   <li>{@code /camunda/**} (Cockpit and friends): the UI's session; process-owner, auditor or admin. The admin
 *   webapp's first-run setup endpoint is closed for good. Cockpit's engine and plugin APIs have the same gate,
 *   except that admins may use Cockpit's actions (retry, modify, cancel, migrate).</li>
 *   <li>{@code /api/**} (Tollgate's REST API for CI pipelines): HTTP Basic, no session, any signed-in person;
 *   each endpoint checks what it allows.</li>
 * </ul>
 * Refusals on the engine's APIs answer in Tollgate's API error shape, written straight into the response.
 */
@Configuration(proxyBeanMethods = false)
class EngineSecurity {

    static final String PROCESS_OWNER = Role.PROCESS_OWNER.name();
    static final String AUDITOR = Role.AUDITOR.name();
    static final String ADMIN = Role.ADMIN.name();

    static final String ENGINE_REST_ALL = "/engine-rest/**";
    static final String CAMUNDA_ALL = "/camunda/**";
    static final String CAMUNDA_APIS = "/camunda/api/**";
    static final String ENGINE_REST_READERS_ONLY = "Camunda's REST API is for process owners, auditors and admins; "
            + "deploying for process owners and admins.";
    static final String COCKPIT_USERS_ONLY = "Camunda's webapps are for process owners, auditors and admins.";

    @Bean
    @Order(10)
    SecurityFilterChain engineRestChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        EngineApiGate gate = new EngineApiGate(List.of(EngineApiAllowList.ENGINE_REST), new ExpressionScreen(),
                problems);
        String deployment = EngineApiAllowList.DEPLOYMENT_CREATE;
        String engineRest = EngineApiAllowList.ENGINE_REST_PREFIX;
        return http.securityMatcher(path(ENGINE_REST_ALL))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path(HttpMethod.POST, engineRest + deployment),
                                path(HttpMethod.POST, engineRest + EngineApiAllowList.NAMED_ENGINE + deployment))
                        .hasAnyRole(PROCESS_OWNER, ADMIN)
                        // what each of them may do there is the gate's business
                        .anyRequest().hasAnyRole(PROCESS_OWNER, AUDITOR, ADMIN))
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM)
                        .authenticationEntryPoint(problems.unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden(ENGINE_REST_READERS_ONLY)))
                .addFilterAfter(gate, AuthorizationFilter.class)
                .addFilterAfter(BodyLimit.forCamunda(problems), EngineApiGate.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain camundaWebappChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        EngineApiGate gate = new EngineApiGate(
                List.of(EngineApiAllowList.COCKPIT_ENGINE, EngineApiAllowList.COCKPIT_PLUGINS),
                new ExpressionScreen(), problems);
        return http.securityMatcher(path(CAMUNDA_ALL))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/camunda/api/admin/setup/**")).denyAll()
                        .requestMatchers(path("/camunda/api/admin/auth/user/*/login/**")).denyAll()
                        .anyRequest().hasAnyRole(PROCESS_OWNER, AUDITOR, ADMIN))
                // browsers are sent to the UI's login page; scripts may use HTTP Basic
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .defaultAccessDeniedHandlerFor(problems.forbidden(COCKPIT_USERS_ONLY), path(CAMUNDA_APIS)))
                .addFilterAfter(gate, AuthorizationFilter.class)
                .addFilterAfter(BodyLimit.forCamunda(problems), EngineApiGate.class)
                // Camunda's webapps run their own CSRF protection (CsrfPreventionFilter), after this chain
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain apiChain(HttpSecurity http, ProblemResponses problems,
                                 @Qualifier("requestMappingHandlerMapping") HandlerMapping endpoints)
            throws Exception {
        return http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM)
                        .authenticationEntryPoint(problems.unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthorized()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // instead of CSRF tokens (stateless HTTP Basic): writes need a JSON body or Tollgate's client header
                .addFilterAfter(new JsonOnlyWrites(problems, endpoints), AuthorizationFilter.class)
                // before anything parses a body (and after sign-in: nobody unknown makes the node read one)
                .addFilterAfter(BodyLimit.forApi(problems), JsonOnlyWrites.class)
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

    /** Rejects malformed requests quietly before Spring Security (and its path parsing) sees them. */
    @Bean
    FilterRegistrationBean<EarlyFirewall> earlyFirewall(ObjectProvider<HttpFirewall> firewall,
                                                        QuietRequestRejection rejection) {
        EarlyFirewall early = new EarlyFirewall(firewall.getIfAvailable(StrictHttpFirewall::new), rejection);
        FilterRegistrationBean<EarlyFirewall> registration = new FilterRegistrationBean<>(early);
        registration.setName("tollgate-early-firewall");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * Request attributes ({@code RequestContextHolder}) for the whole request, Spring Security's sign-in included:
     * Jersey's own registration of this filter (Camunda's REST API brings Jersey) sits after Spring Security, so that
     * sign-in, the account-state gate and the audit trail's source address saw no request there. With it, a request
     * reads each account once ({@code engine.account.internal.ReadThisRequest}).
     */
    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration =
                new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setName("requestContextFilter");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }

    /**
     * Holds every signed-in request to the account as it is now (disabled, password to be changed), right after
     * Spring Security ran, on every path.
     */
    @Bean
    FilterRegistrationBean<AccountStateGate> accountStateGate(io.tollgate.engine.account.Accounts accounts,
                                                              ProblemResponses problems, java.time.Clock clock) {
        FilterRegistrationBean<AccountStateGate> registration =
                new FilterRegistrationBean<>(new AccountStateGate(accounts, problems, clock));
        registration.setName("tollgate-account-state-gate");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
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
