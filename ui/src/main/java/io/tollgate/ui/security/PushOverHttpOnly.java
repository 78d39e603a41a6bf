package io.tollgate.ui.security;

import com.vaadin.flow.spring.SpringServlet;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Vaadin's push runs over HTTP (long polling), and the server takes no websocket at all. Over a websocket, Vaadin
 * puts a message together from fragments, to the length the first one declares, with no limit: anyone on the login
 * page exhausted the heap with 300 MB of fragments. Each message over HTTP is a request body, which {@code BodyLimit}
 * bounds before Vaadin reads it. So Atmosphere, Vaadin's push library, registers no websocket endpoint, and the UI's
 * pages ask for long polling ({@code @Push(transport = LONG_POLLING)} on the application; ADR 0054).
 */
@Configuration(proxyBeanMethods = false)
class PushOverHttpOnly {

    /** Atmosphere's switch for its JSR 356 websocket endpoint. */
    static final String NO_WEBSOCKET_ENDPOINT = "org.atmosphere.websocket.suppressJSR356";

    @Bean
    static BeanPostProcessor vaadinServletWithoutWebsockets() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter(NO_WEBSOCKET_ENDPOINT, "true");
                }
                return bean;
            }
        };
    }
}
