/**
 * The Statistics page (issue 14): the figures of {@code engine.statistics} for a range of days, charted with Apache
 * ECharts from its WebJar, driven from the server ({@link io.tollgate.ui.statistics.EChart}; ADR 0019).
 */
package io.tollgate.ui.statistics;
