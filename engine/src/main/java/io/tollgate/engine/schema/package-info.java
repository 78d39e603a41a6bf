/**
 * Schema browsing: the databases, tables, columns and indexes of a registered instance, read through the review's
 * read-only session ({@link io.tollgate.integrations.mysql.MysqlMetadataReader}) for the database picker and the
 * self-check's table panel ({@code /api/v1/instances/{instance}/databases...}). Nothing here writes to a target.
 */
package io.tollgate.engine.schema;
