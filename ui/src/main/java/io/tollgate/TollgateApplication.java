package io.tollgate;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tollgate: change approval for SQL and service-tree changes. Scans every module under {@code io.tollgate}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@Theme("tollgate")
public class TollgateApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(TollgateApplication.class, args);
    }
}
