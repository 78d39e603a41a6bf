package io.tollgate.engine.instance;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import io.tollgate.integrations.sandbox.SandboxMariaDb;
import io.tollgate.integrations.sandbox.SandboxProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The sandbox's status over REST: for those who manage instances. (SandboxLifecycleIT drives the states.) */
@WebMvcTest(SandboxController.class)
@Import(SandboxControllerTest.Sandbox.class)
class SandboxControllerTest {

    /** A sandbox that is never started: its status is NOT_STARTED. */
    @TestConfiguration
    static class Sandbox {
        @Bean(destroyMethod = "")
        SandboxMariaDb sandboxMariaDb() {
            return new SandboxMariaDb(SandboxProperties.defaults(Path.of("target/no-sandbox")));
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void dbasAndAdminsReadWhereTheSandboxStands() throws Exception {
        mvc.perform(get("/api/v1/sandbox").with(user("dba").roles("DBA")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("NOT_STARTED"))
                .andExpect(jsonPath("$.attempt").value(0))
                .andExpect(jsonPath("$.attempts").value(5));
        mvc.perform(get("/api/v1/sandbox").with(user("admin").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void othersAreRefused() throws Exception {
        mvc.perform(get("/api/v1/sandbox").with(user("engineer").roles("ENGINEER")))
                .andExpect(status().isForbidden());
    }
}
