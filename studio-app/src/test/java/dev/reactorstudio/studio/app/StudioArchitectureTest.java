package dev.reactorstudio.studio.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The studio is a shell over the engine's public services; its feature packages stand on their own. */
class StudioArchitectureTest {
    private static JavaClasses studio;

    @BeforeAll
    static void importStudio() {
        studio = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.reactorstudio.studio");
    }

    @Test
    void featurePackagesNeverReachIntoTheAppShell() {
        noClasses().that().resideOutsideOfPackage("..studio.app..")
                .should().dependOnClassesThat().resideInAPackage("..studio.app..")
                .because("app wires the features together; features must not know the shell")
                .check(studio);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.reactorstudio.studio.(*)..").should().beFreeOfCycles().check(studio);
    }

    @Test
    void theStudioUsesTheEnginesServicesNotItsServers() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..runtime.server..", "io.javalin..", "org.eclipse.jetty..")
                .because("the studio runs what `reactor run` runs, through ReactorServices")
                .check(studio);
    }
}
