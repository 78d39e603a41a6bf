package io.tollgate.ui.history;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import io.tollgate.TollgateAppTest;
import io.tollgate.processes.ElementTemplates;
import io.tollgate.ui.Browserless;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Process owners download Tollgate's Modeler element templates from the History page; auditors are not offered them. */
@TollgateAppTest
class HistoryViewIT {

    @Autowired ApplicationContext context;

    @AfterEach
    void signOut() {
        Browserless.signOut();
    }

    @Test
    void processOwnersAreOfferedTheElementTemplatesWhichAreOnTheClasspath() throws Exception {
        Browserless.signIn(context, "process-owner", "process-owner-demo");
        UI.getCurrent().navigate("history");
        for (String file : ElementTemplates.FILES) {
            Anchor download = _get(Anchor.class, spec -> spec.withId("template-" + file.replace(".json", "")));
            assertThat(download.getHref()).isNotBlank();
            try (InputStream in = HistoryView.class.getResourceAsStream("/" + ElementTemplates.DIRECTORY + file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"appliesTo\"");
            }
        }
    }

    @Test
    void auditorsReadHistoryWithoutTheTemplates() {
        Browserless.signIn(context, "auditor", "auditor-demo");
        UI.getCurrent().navigate("history");
        assertThat(_find(Anchor.class, spec -> spec.withId("template-tollgate-sql-ticket"))).isEmpty();
    }
}
