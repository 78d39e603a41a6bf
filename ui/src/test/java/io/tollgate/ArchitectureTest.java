package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The module rules of docs/architecture.md, kept true. */
@AnalyzeClasses(packages = "io.tollgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule uiNeverTouchesCamunda = noClasses().that().resideInAPackage("io.tollgate.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("the UI reaches the engine through use-case interfaces only");

    @ArchTest
    static final ArchRule integrationsNeverTouchCamunda = noClasses().that().resideInAPackage("io.tollgate.integrations..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("adapters to outside systems must survive a move to another Camunda 7 fork");

    @ArchTest
    static final ArchRule integrationsKnowNothingAbove = noClasses().that().resideInAPackage("io.tollgate.integrations..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.engine..", "io.tollgate.ui..", "com.vaadin..");

    @ArchTest
    static final ArchRule engineKnowsNoUi = noClasses().that().resideInAPackage("io.tollgate.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.ui..", "com.vaadin..");

    @ArchTest
    static final ArchRule processesKnowNoAdapters = noClasses().that().resideInAPackage("io.tollgate.processes..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.engine..", "io.tollgate.ui..",
                    "io.tollgate.integrations..", "com.vaadin..");

    /** JPA's validation is off (application.yaml): a constraint on an entity would be silently ignored. */
    @ArchTest
    static final ArchRule entitiesCarryNoBeanValidation = noClasses()
            .that().areAnnotatedWith("jakarta.persistence.Entity")
            .or().areAnnotatedWith("jakarta.persistence.Embeddable")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.validation..")
            .because("jakarta.persistence.validation.mode is none: Tollgate's use cases validate their input");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.tollgate.(*).(*)..")
            .should().beFreeOfCycles();

    /**
     * A feature's {@code internal} sub-package is its own: only the feature (the package holding {@code internal})
     * and its other sub-packages use it; everyone else goes through the feature's public types at its top.
     */
    @ArchTest
    static final ArchRule internalStaysInsideItsFeature = classes().that().resideInAPackage("io.tollgate..internal..")
            .should(onlyBeUsedInsideTheirFeature()).allowEmptyShould(true);

    private static ArchCondition<JavaClass> onlyBeUsedInsideTheirFeature() {
        return new ArchCondition<>("be used only inside their feature") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String name = internal.getPackageName();
                String feature = name.substring(0, name.indexOf(".internal"));
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    String user = dependency.getOriginClass().getPackageName();
                    if (!user.equals(feature) && !user.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
