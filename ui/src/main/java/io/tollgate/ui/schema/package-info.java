/**
 * Schema browsing on the forms: the database picker of the ticket and self-check forms and the self-check's table
 * panel (columns and indexes), both read through {@link io.tollgate.engine.schema.InstanceSchemas} (read-only).
 */
package io.tollgate.ui.schema;
