package io.tollgate.integrations.servicetree;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The service tree is an adapter: no engine or UI types, and ZooKeeper plumbing stays package-private. */
class ServiceTreeArchitectureTest {

    private static final JavaClasses SERVICE_TREE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tollgate.integrations.servicetree");

    @Test
    void knowsNeitherCamundaNorVaadin() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "com.vaadin..")
                .check(SERVICE_TREE);
    }

    /** What the delegates, the UI and Spring see; everything else is package-private. */
    private static final List<String> API = List.of(
            "Level", "Server", "TreeNode", "NodeView", "ZnodeVersion", "Impact", "ChangeMeta", "ServiceTreeChange",
            "ChangePlan", "ApplyResult", "Verification", "ServiceTreeUnavailableException", "ServiceTreeChanges",
            "ServiceTreeView", "ServiceTreeImporter", "TreeSpec", "ServiceTreeProperties", "ServiceTreeConfiguration",
            "TreeLimits");

    @Test
    void onlyTheApiIsPublic() {
        classes().that().areTopLevelClasses().and().arePublic()
                .should().haveNameMatching(".*\\.(" + String.join("|", API) + ")")
                .check(SERVICE_TREE);
    }
}
