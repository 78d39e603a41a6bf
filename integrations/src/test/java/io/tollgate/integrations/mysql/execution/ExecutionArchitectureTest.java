package io.tollgate.integrations.mysql.execution;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The executor is a plain JDBC adapter: no engine, UI or Spring types, and a small public surface. */
class ExecutionArchitectureTest {

    private static final JavaClasses EXECUTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate.integrations.mysql.execution");

    @Test
    void knowsNeitherCamundaNorVaadinNorTheEngineNorSpring() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.camunda..", "com.vaadin..", "io.tollgate.engine..", "org.springframework..")
                .check(EXECUTION);
    }

    private static final List<String> API = List.of(
            "MysqlTicketExecutor", "ExecutionSettings", "ExecutionReport", "StatementOutcome", "TicketExecutionException",
            "TicketStillRunningException",
            "ExecutionProgress", "RecordedInverse", "StatementSupport", "ConflictPolicy", "RowConflict",
            "InverseRecord", "LedgerMismatchException", "LedgerSeal");

    @Test
    void onlyTheApiIsPublic() {
        classes().that().areTopLevelClasses().and().arePublic()
                .should().haveNameMatching(".*\\.(" + String.join("|", API) + ")")
                .check(EXECUTION);
    }
}
