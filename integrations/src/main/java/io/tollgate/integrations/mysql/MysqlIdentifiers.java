package io.tollgate.integrations.mysql;

/** MySQL/MariaDB identifiers as SQL text. */
public final class MysqlIdentifiers {

    private MysqlIdentifiers() {
    }

    /** The identifier in backquotes, a backquote inside it doubled: safe as a schema, table or column name. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
