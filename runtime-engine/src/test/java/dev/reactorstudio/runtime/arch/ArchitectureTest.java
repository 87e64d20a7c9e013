package dev.reactorstudio.runtime.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers point inward: shells (cli) → fleet (the fleet coordinator; a joined runtime's agent
 * over services) → services → servers (runtime API, coordinator, LiveKit media server) → media engine →
 * host → session/model/manifest/registry → python (the bridge, api only) → djl → frame → api. A violation
 * fails the build.
 */
class ArchitectureTest {
    private static final DescribedPredicate<JavaClass> NDARRAY = JavaClass.Predicates.equivalentTo(NDArray.class);
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
                .should().onlyDependOnClassesThat(resideInAnyPackage("..runtime.api..", "java..").or(NDARRAY))
                .because("model authors import api alone; its one library type is DJL's NDArray, named only "
                        + "in the signature of emitBlock(NDArray) (docs/djl.md)")
                .check(engine);
    }

    @Test
    void onlyTheDjlPackageUsesDjlBeyondTheNdArrayType() {
        noClasses().that().resideOutsideOfPackage("..runtime.djl..")
                .should().dependOnClassesThat(resideInAPackage("ai.djl..").and(not(NDARRAY)))
                .because("DJL stays behind the djl package, which is only reached when a model passes an NDArray, "
                        + "so plain models never load DJL or its natives")
                .check(engine);
    }

    @Test
    void theFleetCoordinatorNeverReachesIntoARuntime() {
        noClasses().that().resideInAPackage("..runtime.fleet")
                .should().dependOnClassesThat().resideInAnyPackage("..runtime.services..", "..runtime.host..",
                        "..runtime.session..", "..runtime.media..", "..runtime.coordinator..", "..runtime.server..",
                        "..runtime.fleet.join..")
                .because("the coordinator runs on machines without a model or GPU and talks to runtimes over HTTP only")
                .check(engine);
    }

    @Test
    void theGuardDependsOnNoOtherEnginePackage() {
        classes().that().resideInAPackage("..runtime.guard..")
                .should().onlyDependOnClassesThat(resideInAPackage("..runtime.guard..")
                        .or(not(resideInAPackage("dev.reactorstudio.."))))
                .because("every server and the studio's embedders apply the same checks; the guard sits below them all")
                .check(engine);
    }

    @Test
    void theConcurrencyHelpersDependOnNoOtherEnginePackage() {
        classes().that().resideInAPackage("..runtime.concurrent..")
                .should().onlyDependOnClassesThat(resideInAPackage("..runtime.concurrent..")
                        .or(not(resideInAPackage("dev.reactorstudio.."))))
                .because("every layer schedules its own tasks with them, so they sit below them all")
                .check(engine);
    }

    @Test
    void layersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("..runtime.cli..")
                .layer("fleet").definedBy("..runtime.fleet")
                .layer("fleet-join").definedBy("..runtime.fleet.join..")
                .layer("fleet-auth").definedBy("..runtime.fleet.auth..")
                .layer("services").definedBy("..runtime.services..")
                .layer("servers").definedBy("..runtime.server..")
                .layer("coordinator").definedBy("..runtime.coordinator..")
                .layer("livekit").definedBy("..runtime.livekit..")
                .layer("guard").definedBy("..runtime.guard..")
                .layer("media").definedBy("..runtime.media..")
                .layer("host").definedBy("..runtime.host..")
                .layer("registry").definedBy("..runtime.registry..")
                .layer("session").definedBy("..runtime.session..")
                .layer("upload").definedBy("..runtime.upload..")
                .layer("model").definedBy("..runtime.model..")
                .layer("python").definedBy("..runtime.python..")
                .layer("manifest").definedBy("..runtime.manifest..")
                .layer("djl").definedBy("..runtime.djl..")
                .layer("frame").definedBy("..runtime.frame..")
                .layer("api").definedBy("..runtime.api..")
                .layer("metrics").definedBy("..runtime.metrics..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                // the fleet coordinator needs no model, no media and no runtime server: it only routes
                .whereLayer("fleet").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("fleet-join").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("fleet-auth").mayOnlyBeAccessedByLayers("fleet", "fleet-join", "cli")
                .whereLayer("services").mayOnlyBeAccessedByLayers("cli", "fleet-join")
                .whereLayer("servers").mayOnlyBeAccessedByLayers("services", "cli")
                // the two WebRTC front doors share the media engine; neither knows the other
                .whereLayer("coordinator").mayOnlyBeAccessedByLayers("services")
                .whereLayer("livekit").mayOnlyBeAccessedByLayers("services", "cli")
                // origin allow-list, Host check and limits: what every server checks before it acts
                .whereLayer("guard").mayOnlyBeAccessedByLayers("servers", "coordinator", "livekit", "media", "session",
                        "services", "cli", "fleet", "fleet-join")
                .whereLayer("media").mayOnlyBeAccessedByLayers("coordinator", "livekit", "services")
                .whereLayer("host").mayOnlyBeAccessedByLayers("servers", "services", "cli", "fleet-join")
                // weights: S3 and the cache only; the host, the CLI and the studio (via services) use it
                .whereLayer("registry").mayOnlyBeAccessedByLayers("host", "servers", "services", "cli")
                .whereLayer("session").mayOnlyBeAccessedByLayers("host", "servers", "coordinator", "livekit", "media", "services", "cli",
                        "fleet-join")
                // a joined runtime's agent streams relayed upload bytes into the session's store
                .whereLayer("upload").mayOnlyBeAccessedByLayers("session", "host", "servers", "coordinator", "livekit",
                        "media", "services", "cli", "fleet-join")
                .whereLayer("model").mayOnlyBeAccessedByLayers("host", "servers", "services", "cli")
                .whereLayer("python").mayOnlyBeAccessedByLayers("model", "host", "servers", "services", "cli")
                .whereLayer("djl").mayOnlyBeAccessedByLayers("session", "host")
                // /metrics as Prometheus text: the runtime server and the fleet coordinator
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("servers", "fleet")
                .whereLayer("frame").mayOnlyBeAccessedByLayers("session", "host", "servers", "coordinator", "livekit", "media", "services",
                        "cli", "model", "djl")
                .check(engine);
    }
}
