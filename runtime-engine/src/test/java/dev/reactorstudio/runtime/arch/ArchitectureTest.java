package dev.reactorstudio.runtime.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers point inward: shells (cli) → services → servers → host → session/model/manifest
 * → frame → api. A violation fails the build.
 */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.reactorstudio.runtime");
    }

    @Test
    void engineNeverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("runtime-engine is headless; the studio depends on it, never the reverse")
                .check(engine);
    }

    @Test
    void engineNeverImportsTheStudio() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.reactorstudio.studio..").check(engine);
    }

    @Test
    void authorApiDependsOnNothingElseInTheEngine() {
        classes().that().resideInAPackage("..runtime.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("..runtime.api..", "java..")
                .because("model authors import api alone; it must not drag in servers, the CLI or libraries")
                .check(engine);
    }

    @Test
    void layersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("..runtime.cli..")
                .layer("services").definedBy("..runtime.services..")
                .layer("servers").definedBy("..runtime.server..")
                .layer("host").definedBy("..runtime.host..")
                .layer("session").definedBy("..runtime.session..")
                .layer("model").definedBy("..runtime.model..")
                .layer("manifest").definedBy("..runtime.manifest..")
                .layer("frame").definedBy("..runtime.frame..")
                .layer("api").definedBy("..runtime.api..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("services").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("servers").mayOnlyBeAccessedByLayers("services", "cli")
                .whereLayer("host").mayOnlyBeAccessedByLayers("servers", "services", "cli")
                .whereLayer("session").mayOnlyBeAccessedByLayers("host", "servers", "services", "cli")
                .whereLayer("model").mayOnlyBeAccessedByLayers("host", "servers", "services", "cli")
                .whereLayer("frame").mayOnlyBeAccessedByLayers("session", "host", "servers", "services", "cli", "model")
                .check(engine);
    }
}
