/**
 * Adapter to MySQL/MariaDB target instances over JDBC (MySQL Connector/J).
 *
 * <p>{@link io.tollgate.integrations.mysql.MysqlMetadataReader} reads schema metadata (information_schema,
 * SHOW CREATE TABLE) and asks the optimizer (EXPLAIN, COUNT) on a read-only session; it never changes the
 * target. Connection coordinates come in as parameters ({@link io.tollgate.integrations.mysql.MysqlCoordinates}).
 * No Camunda, no Vaadin.
 */
package io.tollgate.integrations.mysql;
