/** The SQL-ticket benchmark (docs/benchmarks.md, "SQL tickets"): a command that prints numbers, not a test. */
package io.tollgate.bench;
