package dev.openagg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The design's boundaries, checked over the compiled classes so a later change cannot quietly cross them. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.openagg");

    @Test
    void the_classes_that_run_jobs_import_nothing_from_the_http_layer() {
        DescribedPredicate<JavaClass> runningJobs = DescribedPredicate.describe(
                "run jobs (in dev.openagg.job, and not its routes, wire formats or reply mapping)",
                c -> c.getPackageName().equals("dev.openagg.job")
                        && !topLevel(c).getSimpleName().matches(".*(Routes|Json|Replies)"));
        noClasses().that(runningJobs)
                .should().dependOnClassesThat().resideInAnyPackage("dev.openagg.api..", "io.javalin..")
                .because("the engine returns typed results; the HTTP side maps them to status codes")
                .check(CLASSES);
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass top = type;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @Test
    void the_engines_rules_depend_on_the_jdk_and_the_connector_api_only() {
        classes().that().resideInAPackage("dev.openagg.engine")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.openagg.engine",
                        "dev.openagg.connector")
                .check(CLASSES);
    }

    @Test
    void the_connector_api_depends_on_the_jdk_only() {
        classes().that().resideInAPackage("dev.openagg.connector")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.openagg.connector")
                .check(CLASSES);
    }

    @Test
    void only_route_handlers_the_http_edge_and_the_wiring_class_know_the_web_framework() {
        noClasses().that().haveSimpleNameNotEndingWith("Routes")
                .and().resideOutsideOfPackage("dev.openagg.api")
                .and().doNotHaveFullyQualifiedName(App.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(CLASSES);
    }
}
