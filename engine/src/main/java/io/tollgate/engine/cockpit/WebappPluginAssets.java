package io.tollgate.engine.cockpit;

import java.net.MalformedURLException;
import java.net.URL;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.WebResourceRoot.ResourceSetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the built-in plugins' scripts of Camunda's webapps reachable. Cockpit loads its own dashboard, process and
 * incident views as a plugin ({@code /camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js}); Camunda
 * answers that from the servlet context's resource {@code /plugin/cockpit/app/plugin.js}, which is
 * {@code META-INF/resources/plugin/cockpit/app/plugin.js} in the {@code camunda-webapp-webjar}. Spring Boot adds the
 * {@code META-INF/resources} of the jars on {@code java.class.path} to Tomcat, but {@code ./tollgate} starts the
 * extracted jar, whose libraries are on its manifest's {@code Class-Path} instead: the script answered 404, RequireJS
 * stopped Cockpit's start-up, and Cockpit stayed a spinner for good (Admin and Tasklist likewise). So the webjar's
 * {@code META-INF/resources} is added to Tomcat here, found through the class loader, however Tollgate was started.
 */
@Component
class WebappPluginAssets implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(WebappPluginAssets.class);
    static final String RESOURCES = "META-INF/resources";
    /** A file only the webjar has; its jar is the one to add. */
    static final String PROBE = RESOURCES + "/plugin/cockpit/app/plugin.js";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        ClassLoader loader = WebappPluginAssets.class.getClassLoader();
        if (loader.getResource(PROBE) == null) {
            LOG.warn("Camunda's webapp plugins ({}) are not on the class path: Cockpit will not start", PROBE);
            return;
        }
        URL jar = webjar(loader);
        if (jar == null) {
            return;
        }
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.CONFIGURE_START_EVENT.equals(event.getType())) {
                context.getResources().createWebResourceSet(ResourceSetType.RESOURCE_JAR, "/", jar, "/" + RESOURCES);
            }
        }));
    }

    /** The root ({@code jar:file:...!/}) of the jar holding the probe, or null when it is not in a plain jar file. */
    static URL webjar(ClassLoader loader) {
        URL probe = loader.getResource(PROBE);
        if (probe == null) {
            return null;
        }
        String url = probe.toString();
        int separator = url.indexOf("!/");
        if (!url.startsWith("jar:file:") || separator < 0 || url.indexOf("!/", separator + 2) >= 0) {
            // a directory, or a jar nested in Spring Boot's fat jar: Spring Boot adds those itself
            return null;
        }
        try {
            return new URL(url.substring(0, separator + 2));
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
