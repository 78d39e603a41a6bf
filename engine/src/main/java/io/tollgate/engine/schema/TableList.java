package io.tollgate.engine.schema;

import java.util.List;

import io.tollgate.integrations.mysql.MysqlSchema;

/**
 * The tables and views of one database, by name.
 *
 * @param truncated whether there are more than {@code tables} holds ({@code note} then says so)
 */
public record TableList(String instance, String database, List<MysqlSchema.TableEntry> tables, boolean truncated,
                        String note) {
}
