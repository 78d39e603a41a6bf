package io.tollgate.integrations.mysql.execution;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The executor is a plain JDBC adapter: no engine, UI or Spring types, a small public surface at the package's top,
 * and its working parts in {@code internal}.
 */
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
            "InverseRecord", "LedgerMismatchException", "LedgerSeal", "WhereClause");

    @Test
    void onlyTheApiIsPublicAtTheTop() {
        classes().that().areTopLevelClasses().and().arePublic()
                .and().resideInAPackage("io.tollgate.integrations.mysql.execution")
                .should().haveNameMatching(".*\\.(" + String.join("|", API) + ")")
                .check(EXECUTION);
    }

    @Test
    void theWorkingPartsAreTheExecutorsOwn() {
        // public so the executor can wire them; nothing outside the feature reaches them
        classes().that().resideInAPackage("..execution.internal..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.tollgate.integrations.mysql.execution..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tollgate"));
    }
}
