package io.tollgate.engine.schema;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlMetadataException;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import io.tollgate.integrations.mysql.MysqlSchema;
import org.springframework.stereotype.Component;

/**
 * What a registered instance holds, for the people who may submit tickets or self-check SQL on it (every instance is
 * offered to them, as the ticket and self-check forms do): its databases, a database's tables, a table's columns and
 * indexes. Read through the review's read-only session; names are only ever bound as query parameters, and answers are
 * capped ({@link #MAX_DATABASES}, {@link #MAX_TABLES}) with a note when there are more.
 */
@Component
public class InstanceSchemas {

    public static final int MAX_DATABASES = 10_000;
    public static final int MAX_TABLES = 10_000;
    /** MySQL's limit for database and table names. */
    static final int MAX_NAME_LENGTH = 64;

    private final TargetInstances instances;
    private final MysqlMetadataReader reader;
    private final Permissions permissions;

    InstanceSchemas(TargetInstances instances, MysqlMetadataReader reader, Permissions permissions) {
        this.instances = instances;
        this.reader = reader;
        this.permissions = permissions;
    }

    /** The instance's databases without the system schemas. */
    public DatabaseList databases(String actor, String instance) {
        return read(actor, instance, session -> {
            List<String> names = session.databaseNames(MAX_DATABASES + 1);
            boolean truncated = names.size() > MAX_DATABASES;
            return new DatabaseList(instance, truncated ? List.copyOf(names.subList(0, MAX_DATABASES)) : names,
                    truncated, truncated ? "Only the first " + MAX_DATABASES + " databases by name are listed" : null);
        });
    }

    /** The tables and views of {@code database}. */
    public TableList tables(String actor, String instance, String database) {
        String db = name("database", database);
        return read(actor, instance, session -> {
            requireDatabase(session, instance, db);
            List<MysqlSchema.TableEntry> tables = session.tableEntries(db, MAX_TABLES + 1);
            boolean truncated = tables.size() > MAX_TABLES;
            return new TableList(instance, db, truncated ? List.copyOf(tables.subList(0, MAX_TABLES)) : tables,
                    truncated, truncated ? "Only the first " + MAX_TABLES + " tables by name are listed" : null);
        });
    }

    /** A table's columns and indexes. */
    public MysqlSchema.Table table(String actor, String instance, String database, String table) {
        String db = name("database", database);
        String t = name("table", table);
        return read(actor, instance, session -> {
            requireDatabase(session, instance, db);
            return session.describe(db, t).orElseThrow(() -> new NotFoundException("no table '" + t
                    + "' in database '" + db + "' of instance '" + instance + "' (or its account may not see it)"));
        });
    }

    private <T> T read(String actor, String instance, Function<MysqlMetadataReader.Session, T> work) {
        requireMayRead(actor);
        String name = instance == null ? "" : instance.strip();
        TargetCoordinates target = (name.isEmpty() ? Optional.<TargetCoordinates>empty() : instances.coordinates(name))
                .orElseThrow(() -> new NotFoundException("no instance named '" + name + "' is registered"));
        MysqlMetadataReader.Session session;
        try {
            session = reader.open(new MysqlCoordinates(target.host(), target.port(), target.user(), target.password(),
                    null));
        } catch (MysqlMetadataException e) {
            throw new TargetUnreachableException("Instance '" + name + "' cannot be read now: " + e.getMessage(), e);
        }
        try (session) {
            return work.apply(session);
        } catch (MysqlMetadataException e) {
            throw new TargetUnreachableException("Instance '" + name + "' did not answer: " + e.getMessage(), e);
        }
    }

    /** Whoever may submit tickets or self-check SQL sees the instances' schemas, as the forms offer every instance. */
    private void requireMayRead(String actor) {
        if (!permissions.allows(actor, Permission.SUBMIT_TICKET) && !permissions.allows(actor, Permission.SELF_CHECK)) {
            throw new PermissionDeniedException((actor == null ? "nobody signed in" : actor)
                    + " may not read the schemas of instances: that needs a role that may "
                    + Permission.SUBMIT_TICKET.label() + " or " + Permission.SELF_CHECK.label());
        }
    }

    private static void requireDatabase(MysqlMetadataReader.Session session, String instance, String database) {
        if (MysqlSchema.SYSTEM_SCHEMAS.contains(database.toLowerCase(java.util.Locale.ROOT))
                || !session.databaseExists(database)) {
            throw new NotFoundException("no database '" + database + "' on instance '" + instance
                    + "' (system schemas are not offered)");
        }
    }

    private static String name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(field, "A " + field + " name is required");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(field, "A " + field + " name has at most " + MAX_NAME_LENGTH
                    + " characters; this one has " + value.length());
        }
        return value;
    }
}
