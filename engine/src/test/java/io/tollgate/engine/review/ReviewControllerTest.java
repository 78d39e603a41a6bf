package io.tollgate.engine.review;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tollgate.engine.review.internal.FixedTargetMetadata;
import io.tollgate.engine.review.internal.TestReviewers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReviewController.class)
@Import(ReviewControllerTest.Reviewer.class)
class ReviewControllerTest {

    /** The real reviewer, with the in-memory fixture target and a 10 kB limit. */
    @TestConfiguration
    static class Reviewer {
        @Bean
        TargetDirectory targetDirectory() {
            return name -> name.equals("shop-fixture")
                    ? java.util.Optional.of(new TargetCoordinates("fixture.local", 3306, "ci", "pw"))
                    : java.util.Optional.empty();
        }

        @Bean
        SqlReviewer sqlReviewer() {
            return TestReviewers.allRulesOn(FixedTargetMetadata.shop(), ReviewProperties.defaults().withMaxScriptBytes(10_000));
        }

        /** Every instance on the built-in reviewer (the default backend). */
        @Bean
        InstanceReview instanceReview(SqlReviewer reviewer) {
            return (instance, request) -> reviewer.review(request);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void reviewsSqlAndReturnsFindingsAsJson() throws Exception {
        String body = """
                {"sql": "SELECT id FROM users WHERE id = 1;\\nDELETE FROM users;",
                 "instance": "shop-fixture",
                 "database": "shop", "environment": "PROD"}
                """;
        mvc.perform(post("/api/v1/review").with(user("ci").roles("ENGINEER")).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refused").value(false))
                .andExpect(jsonPath("$.statements.length()").value(2))
                // a query changes nothing: the executor would refuse it, so the self-check says so
                .andExpect(jsonPath("$.statements[0].findings[0].ruleId").value("execution.refused"))
                .andExpect(jsonPath("$.statements[0].reversibility").value("REFUSED_AT_EXECUTION"))
                .andExpect(jsonPath("$.statements[1].line").value(2))
                .andExpect(jsonPath("$.statements[1].kind").value("DELETE"))
                .andExpect(jsonPath("$.statements[1].findings[0].ruleId").value("stmt.dml-without-where"))
                .andExpect(jsonPath("$.statements[1].findings[0].level").value("ERROR"))
                .andExpect(jsonPath("$.statements[1].rows.kind").value("EXACT"))
                .andExpect(jsonPath("$.statements[1].reversibility").value("REVERSIBLE_WITH_BEFORE_IMAGES"))
                .andExpect(jsonPath("$.risk").value("MODERATE"))
                .andExpect(jsonPath("$.errors").value(2));
    }

    @Test
    void anUnknownInstanceIsABadRequestNotAConnection() throws Exception {
        mvc.perform(post("/api/v1/review").with(user("ci").roles("ENGINEER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sql\": \"SELECT 1\", \"instance\": \"evil.example:3306\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("no instance named 'evil.example:3306' is registered"));
    }

    @Test
    void reviewsWithoutTarget() throws Exception {
        mvc.perform(post("/api/v1/review").with(user("ci").roles("ENGINEER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sql\": \"TRUNCATE TABLE users\", \"environment\": \"DEV\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.statements[0].findings[0].ruleId").value("danger.truncate"))
                .andExpect(jsonPath("$.statements[0].rows").doesNotExist())
                .andExpect(jsonPath("$.risk").value("HIGH"));
    }

    @Test
    void oversizedScriptIsRefusedWith413() throws Exception {
        String sql = "SELECT 1;".repeat(2_000);
        mvc.perform(post("/api/v1/review").with(user("ci").roles("ENGINEER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sql\": \"" + sql + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.refused").value(true))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("10000 bytes")));
    }

    @Test
    void missingSqlIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/review").with(user("ci").roles("ENGINEER")).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("sql")));
    }

    @Test
    void anonymousCallersAreRejected() throws Exception {
        mvc.perform(post("/api/v1/review").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"sql\": \"SELECT 1\"}"))
                .andExpect(status().isUnauthorized());
    }
}
