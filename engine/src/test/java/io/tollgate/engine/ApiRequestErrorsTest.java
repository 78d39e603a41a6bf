package io.tollgate.engine;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The loser of two requests acting on the same task at once (an approval and a withdrawal, two Execute presses) is
 * told it lost, in the one error shape: it was a 500 with the engine's stack trace in the log.
 */
class ApiRequestErrorsTest {

    @RestController
    static class Racing {
        @PostMapping("/api/v1/race")
        void race() {
            throw new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity' failed");
        }

        /** A withdrawal whose process an approval moved on a moment before. */
        @PostMapping("/api/v1/withdraw-raced")
        void withdrawRaced() {
            throw new org.camunda.bpm.engine.MismatchingMessageCorrelationException("sqlTicket.withdraw",
                    "the execution does not have a subscription to a message event 'sqlTicket.withdraw'");
        }

        /** An Execute pressed twice: the first completed the task. */
        @PostMapping("/api/v1/task-gone")
        void taskGone() {
            throw new org.camunda.bpm.engine.exception.NullValueException("Cannot find task with id 42: task is null");
        }

        /** A request that waited on another's row lock past the server's lock wait, or lost a deadlock to it. */
        @PostMapping("/api/v1/lock-wait")
        void lockWait() {
            throw new org.springframework.dao.CannotAcquireLockException("Lock wait timeout exceeded");
        }

        /** A withdrawal racing an approval: the database rolled the engine's flush back on a deadlock (H2's words). */
        @PostMapping("/api/v1/flush-deadlock")
        void flushDeadlock() {
            throw new org.camunda.bpm.engine.ProcessEnginePersistenceException("ENGINE-03083 Error flushing statements",
                    new RuntimeException("batch failed", new java.sql.SQLTransactionRollbackException(
                            "Deadlock detected. The current transaction was rolled back.", "40001")));
        }

        /** MariaDB's lock wait, as a plain SQLException with its state. */
        @PostMapping("/api/v1/flush-lock-wait")
        void flushLockWait() {
            throw new org.camunda.bpm.engine.ProcessEnginePersistenceException("ENGINE-03083 Error flushing statements",
                    new java.sql.SQLException("Lock wait timeout exceeded; try restarting transaction", "40001",
                            1205));
        }

        @PostMapping("/api/v1/flush-fault")
        void flushFault() {
            throw new org.camunda.bpm.engine.ProcessEnginePersistenceException("ENGINE-03083 Error flushing statements",
                    new java.sql.SQLException("Data too long for column 'TEXT_'", "22001", 1406));
        }

        @PostMapping("/api/v1/suspended")
        void suspended() {
            throw new org.camunda.bpm.engine.SuspendedEntityInteractionException("ProcessInstance 1 is suspended.");
        }

        @PostMapping("/api/v1/null-fault")
        void nullFault() {
            throw new org.camunda.bpm.engine.exception.NullValueException("userId is null");
        }
    }

    @Test
    void aMessageOrTaskARaceTookAwayIsAConflictAnyOtherEngineNullAServerError() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Racing()).setControllerAdvice(new ApiRequestErrors())
                .build();
        for (String path : java.util.List.of("/api/v1/withdraw-raced", "/api/v1/task-gone", "/api/v1/lock-wait")) {
            mvc.perform(post(path)).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                            "someone else acted on this at the same moment")));
        }
        for (String path : java.util.List.of("/api/v1/flush-deadlock", "/api/v1/flush-lock-wait")) {
            mvc.perform(post(path)).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                            "someone else acted on this at the same moment")));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(post("/api/v1/flush-fault")))
                .as("any other failure to persist is left to the error page's 500")
                .hasRootCauseInstanceOf(java.sql.SQLException.class).hasRootCauseMessage(
                        "Data too long for column 'TEXT_'");
        mvc.perform(post("/api/v1/suspended")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("suspended")));
        mvc.perform(post("/api/v1/null-fault")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("userId is null")));
    }

    @Test
    void aRequestThatLostARaceIsAConflictNotAServerError() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new Racing()).setControllerAdvice(new ApiRequestErrors())
                .build();
        mvc.perform(post("/api/v1/race"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString(
                        "someone else acted on this at the same moment")));
    }
}
