/**
 * Statistics for auditors, DBAs, process owners and admins (issue 14): {@link io.tollgate.engine.statistics.Statistics}
 * computes a {@link io.tollgate.engine.statistics.StatisticsReport} for a range of days with SQL aggregates over
 * Tollgate's own tables (tickets, their trail, findings and results, service-tree changes and their events), on H2
 * and MySQL/MariaDB alike; the Statistics page and {@code GET /api/v1/statistics} show it.
 */
package io.tollgate.engine.statistics;
