package io.tollgate.engine.schema;

import io.tollgate.engine.ApiProblem;
import io.tollgate.integrations.mysql.MysqlSchema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/instances/{instance}/databases[/{database}/tables[/{table}]]}: what a registered instance (by
 * name) holds, read-only. 404 for an unknown instance, database or table; 403 for a person who may neither submit
 * tickets nor self-check; 502 when the instance cannot be read, with the driver's sentence.
 */
@RestController
class InstanceSchemaController {

    static final String DATABASES = "/api/v1/instances/{instance}/databases";

    private final InstanceSchemas schemas;

    InstanceSchemaController(InstanceSchemas schemas) {
        this.schemas = schemas;
    }

    @GetMapping(DATABASES)
    DatabaseList databases(@PathVariable String instance, Authentication user) {
        return schemas.databases(user == null ? null : user.getName(), instance);
    }

    @GetMapping(DATABASES + "/{database}/tables")
    TableList tables(@PathVariable String instance, @PathVariable String database, Authentication user) {
        return schemas.tables(user == null ? null : user.getName(), instance, database);
    }

    @GetMapping(DATABASES + "/{database}/tables/{table}")
    MysqlSchema.Table table(@PathVariable String instance, @PathVariable String database, @PathVariable String table,
                            Authentication user) {
        return schemas.table(user == null ? null : user.getName(), instance, database, table);
    }

    @ExceptionHandler(TargetUnreachableException.class)
    ResponseEntity<ApiProblem> unreachable(TargetUnreachableException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.BAD_GATEWAY);
    }
}
