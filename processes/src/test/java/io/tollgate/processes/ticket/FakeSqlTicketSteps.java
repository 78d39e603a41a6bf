package io.tollgate.processes.ticket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.tollgate.processes.ProcessTestEngine;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Doubles of the {@code sqlTicket} delegates and listeners, registered under their bean names. Each test queues what
 * the review, the execution and the rollback answer (nothing queued: they pass); every call is recorded by bean name.
 */
final class FakeSqlTicketSteps {

    /** What a step that reaches the target answers. */
    enum Outcome {
        /** Done. */
        PASS,
        /** The step's BPMN error: the review found errors, a statement or the rollback failed. */
        FAIL,
        /** The target is unreachable: the job fails and is retried by its policy. */
        TARGET_DOWN
    }

    /** What a passing review reports: the decision's inputs. */
    record Review(String riskLevel, boolean hasDdl, long estimatedRows) {
        static final Review HARMLESS = new Review("LOW", false, 10);
    }

    /** {@code tollgate.tickets.rollback-window}'s default, which Tollgate's execution adds to its time. */
    static final java.time.Duration ROLLBACK_WINDOW = java.time.Duration.ofDays(7);

    final List<String> calls = new ArrayList<>();
    private final Deque<Outcome> reviews = new ArrayDeque<>();
    private final Deque<Outcome> executions = new ArrayDeque<>();
    private final Deque<Outcome> rollbacks = new ArrayDeque<>();
    private Review review = Review.HARMLESS;
    /** The ticket's instance's environment, which Tollgate's review hands the decision. */
    private String environment = "DEV";
    /** Whether the review recorded a DBA's approval the decision may not ask for (Tollgate's floor). */
    private boolean dbaRecorded;

    FakeSqlTicketSteps() {
        ProcessTestEngine.register(Beans.REVIEW_TICKET, (JavaDelegate) execution -> {
            calls.add(Beans.REVIEW_TICKET);
            answer(reviews, Errors.REVIEW_FAILED, "the review found 2 errors");
            // as Tollgate's review: the decision's inputs transient, for the business rule task of the same command
            Variables.ENVIRONMENT.setTransient(execution, environment);
            Variables.RISK_LEVEL.setTransient(execution, review.riskLevel());
            Variables.HAS_DDL.setTransient(execution, review.hasDdl());
            Variables.ESTIMATED_ROWS.setTransient(execution, review.estimatedRows());
        });
        ProcessTestEngine.register(Beans.EXECUTE_TICKET, (JavaDelegate) execution -> {
            calls.add(Beans.EXECUTE_TICKET);
            try {
                answer(executions, Errors.EXECUTION_FAILED, "statement 2 failed: duplicate key");
                Variables.ROLLBACK_UNTIL.set(execution, java.time.Instant.now()
                        .plus(ROLLBACK_WINDOW).toString());
            } catch (BpmnError e) {
                Variables.FAILURE.set(execution, e.getMessage());
                throw e;
            }
        });
        ProcessTestEngine.register(Beans.ROLL_BACK_TICKET, (JavaDelegate) execution -> {
            calls.add(Beans.ROLL_BACK_TICKET);
            try {
                answer(rollbacks, Errors.ROLLBACK_FAILED, "the inverse of statement 1 failed: row changed");
            } catch (BpmnError e) {
                Variables.FAILURE.set(execution, e.getMessage());
                throw e;
            }
        });
        for (String bean : List.of(Beans.RECORD_WITHDRAWAL, Beans.CLOSE_TICKET)) {
            ProcessTestEngine.register(bean, (JavaDelegate) execution -> calls.add(bean));
        }
        ProcessTestEngine.register(Beans.APPLY_RECORDED_ROUTING, (ExecutionListener) execution -> {
            calls.add(Beans.APPLY_RECORDED_ROUTING);
            if (dbaRecorded) {
                Variables.DBA_APPROVAL_REQUIRED.set(execution, true);
            }
        });
        ProcessTestEngine.register(Beans.KEEP_ROLLBACK_WINDOW, (ExecutionListener) execution ->
                calls.add(Beans.KEEP_ROLLBACK_WINDOW));
        ProcessTestEngine.register(Beans.OFFER_APPROVAL, (TaskListener) task -> {
            calls.add(Beans.OFFER_APPROVAL);
            task.removeVariable(Variables.APPROVED.name());
        });
        for (String bean : List.of(Beans.RECORD_APPROVAL, Beans.RECORD_RESOLUTION)) {
            ProcessTestEngine.register(bean, (TaskListener) task -> calls.add(bean));
        }
    }

    private static void answer(Deque<Outcome> answers, String errorCode, String failure) {
        Outcome outcome = answers.isEmpty() ? Outcome.PASS : answers.poll();
        if (outcome == Outcome.FAIL) {
            throw new BpmnError(errorCode, failure);
        }
        if (outcome == Outcome.TARGET_DOWN) {
            throw new IllegalStateException("the target is unreachable; safe to retry");
        }
    }

    FakeSqlTicketSteps reviews(Outcome... answers) {
        reviews.addAll(List.of(answers));
        return this;
    }

    /** The environment of the instance the next tickets are for. */
    FakeSqlTicketSteps environment(String name) {
        environment = name;
        return this;
    }

    /** What every passing review reports from now on. */
    FakeSqlTicketSteps reviewFinds(Review found) {
        review = found;
        return this;
    }

    /** The review records a DBA's approval whatever the decision answers, as Tollgate's floor does. */
    FakeSqlTicketSteps recordsDba() {
        dbaRecorded = true;
        return this;
    }

    FakeSqlTicketSteps executions(Outcome... answers) {
        executions.addAll(List.of(answers));
        return this;
    }

    FakeSqlTicketSteps rollbacks(Outcome... answers) {
        rollbacks.addAll(List.of(answers));
        return this;
    }

    long count(String bean) {
        return calls.stream().filter(bean::equals).count();
    }
}
