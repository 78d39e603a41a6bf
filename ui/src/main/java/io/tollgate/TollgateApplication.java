package io.tollgate;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tollgate: change approval for SQL and service-tree changes. Scans every module under {@code io.tollgate}. */
@SpringBootApplication
@ConfigurationPropertiesScan
// over HTTP, never a websocket: a push message over a websocket was put together from fragments without a limit, so
// anyone on the login page could exhaust the heap; HTTP bodies have one (BodyLimit). See PushOverHttpOnly.
@Push(transport = Transport.LONG_POLLING)
@Theme("tollgate")
public class TollgateApplication implements AppShellConfigurator {

    /**
     * Every page's icon, a public resource as everything under {@code /icons/} is: without one, browsers asked for a
     * missing {@code /favicon.ico} on every page, a 404 in each console.
     */
    static final String ICON = "icons/tollgate.svg";

    public static void main(String[] args) {
        SpringApplication.run(TollgateApplication.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", ICON, "any");
    }
}
