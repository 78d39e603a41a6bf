package io.tollgate.engine.statistics;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures for the tickets submitted and the service-tree changes requested in a range of days (UTC, both ends
 * included). Counts per day list only the days and keys that have something.
 */
public record StatisticsReport(
        LocalDate from,
        LocalDate to,
        /* tickets submitted in the range */
        long tickets,
        /* tickets per day by outcome (executed, rejected, review failed, withdrawn, failed, rollback failed,
           rolled back, in progress) */
        List<DayCount> ticketsByOutcome,
        List<DayCount> ticketsByInstance,
        List<DayCount> ticketsByEnvironment,
        /* tickets per day by what ran: DDL (at least one DDL statement), DML, or not executed */
        List<DayCount> ticketsByStatementKind,
        List<Count> topSubmitters,
        /* from submission to the first approval or rejection, per week (Monday) of submission */
        List<WeekPercentiles> reviewWait,
        /* from the last approval to the execution, per week of submission */
        List<WeekPercentiles> executionWait,
        List<Rate> approvalByInstance,
        List<Rate> approvalBySubmitter,
        Outcomes executions,
        long rolledBack,
        /* tickets rolled back per 100 tickets submitted */
        double rollbacksPer100,
        List<Count> topRules,
        List<Count> rowsChangedByEnvironment,
        /* service-tree changes requested in the range */
        long treeChanges,
        List<TreeDayCount> treeChangesByDay,
        /* from request to the first approval or rejection, per week of the request */
        List<WeekPercentiles> treeApprovalLatency) {

    /** How many had {@code key} on {@code day}. */
    public record DayCount(LocalDate day, String key, long count) {
    }

    public record Count(String key, long count) {
    }

    /** Service-tree changes requested on a day, by kind and where they ended (their status). */
    public record TreeDayCount(LocalDate day, String kind, String outcome, long count) {
    }

    /** Waits in seconds for what started in the week beginning on {@code week} (a Monday). */
    public record WeekPercentiles(LocalDate week, long count, long p50Seconds, long p95Seconds) {
    }

    /** Approvals and rejections of the tickets of one instance or submitter; rates in percent of those decided. */
    public record Rate(String key, long approved, long rejected, double approvalRate, double rejectionRate) {
    }

    /** Executions that succeeded and that failed; the success rate in percent of both (0 when none ran). */
    public record Outcomes(long succeeded, long failed, double successRate) {
    }
}
