package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.host.ModelHostException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python model's requirements.txt is installed into an environment of its own before the model
 * starts, once per content of the file. Offline: the one package is a wheel this test writes, found
 * through the file's own {@code --no-index --find-links}.
 */
class RequirementsEnvironmentTest {
    private static final String MODEL = """
            import sys
            import time
            import numpy as np
            import reactor_demo_pkg
            from reactor_runtime import VideoModel, get_ctx

            class Demo(VideoModel):
                def start_session(self):
                    ctx = get_ctx()
                    ctx.send({"type": "state", "pkg": reactor_demo_pkg.VALUE, "prefix": sys.prefix})
                    while not ctx.should_stop():
                        ctx.emit_block(np.zeros((48, 64, 3), np.uint8))
                        time.sleep(0.03)
            """;

    @TempDir
    Path temp;
    Path model;
    Path wheels;
    Path cache;
    final List<RequirementsProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void modelFolderAndWheel() throws IOException {
        model = Files.createDirectories(temp.resolve("demo-model"));
        wheels = Files.createDirectories(temp.resolve("wheels"));
        cache = temp.resolve("cache");
        Files.writeString(model.resolve("manifest.json"), """
                {"reactor-runtime": "0.1.0", "class": "model_demo:Demo", "model_name": "demo-model",
                 "model_version": "1.0.0", "args": {"fps": 30, "size": [48, 64]}, "weights": []}
                """);
        Files.writeString(model.resolve("model_demo.py"), MODEL);
        writeWheel(wheels, "reactor_demo_pkg", "1.0", "VALUE = 'from the wheel'\n");
    }

    private PythonOptions options() {
        return PythonSupport.options().withRequirementsEnvironment(true).withCacheRoot(cache)
                .withRequirementsListener(progress::add);
    }

    private void requirements(String packages) throws IOException {
        Files.writeString(model.resolve("requirements.txt"), "# offline: the test's own wheel\n--no-index\n--find-links "
                + wheels + "\n" + packages + "\n");
    }

    @Test
    void theModelRunsInAnEnvironmentWithItsRequirementsMadeOncePerFileContent() throws Exception {
        requirements("reactor_demo_pkg==1.0");
        String prefix;
        try (HostedModel hosted = new HostedModel(model, options())) {
            hosted.sessions().start();
            await().until(() -> hosted.hasMessage("state"));
            var state = hosted.messages.stream().filter(m -> m.path("type").asText().equals("state")).findFirst().orElseThrow();
            assertThat(state.path("pkg").asText()).isEqualTo("from the wheel");
            prefix = state.path("prefix").asText();
            assertThat(Path.of(prefix)).startsWith(cache.resolve("venvs"));
            assertThat(hosted.host.requirementsProgress().orElseThrow().phase()).isEqualTo(RequirementsProgress.Phase.READY);
        }
        assertThat(progress).extracting(RequirementsProgress::phase).startsWith(RequirementsProgress.Phase.CREATING_ENVIRONMENT)
                .contains(RequirementsProgress.Phase.INSTALLING).endsWith(RequirementsProgress.Phase.READY);
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.text()).startsWith("installing requirements 1/1: reactor_demo_pkg");
            assertThat(p.fraction()).isEqualTo(1.0);
        });

        // The same file again: the environment is reused, nothing is created or installed.
        progress.clear();
        try (HostedModel again = new HostedModel(model, options())) {
            again.sessions().start();
            await().until(() -> again.hasMessage("state"));
            assertThat(again.messages.get(0).path("prefix").asText()).isEqualTo(prefix);
        }
        assertThat(progress).extracting(RequirementsProgress::phase).containsExactly(RequirementsProgress.Phase.READY);

        // A changed file gets an environment of its own.
        requirements("reactor_demo_pkg>=1.0");
        try (HostedModel changed = new HostedModel(model, options())) {
            changed.sessions().start();
            await().until(() -> changed.hasMessage("state"));
            assertThat(changed.messages.get(0).path("prefix").asText()).isNotEqualTo(prefix);
        }
        try (Stream<Path> venvs = Files.list(cache.resolve("venvs"))) {
            assertThat(venvs.filter(Files::isDirectory).count()).isEqualTo(2);
        }
    }

    @Test
    void aFailedInstallShowsPipsErrorAndTheRetryCommandAndIsRedoneNextTime() throws Exception {
        requirements("reactor_demo_pkg==1.0\nnot_a_package_anywhere==9.9");
        Throwable failure = catchThrowable(() -> new HostedModel(model, options()).close());
        assertThat(failure).isInstanceOf(ModelHostException.class);
        assertThat(failure.getMessage())
                .contains("pip could not install the requirements of demo-model")
                .contains("ERROR: Could not find a version that satisfies the requirement not_a_package_anywhere==9.9")
                .contains("retry by hand:")
                .contains("-m pip install -r " + model.resolve("requirements.txt"));
        assertThat(progress).extracting(RequirementsProgress::phase).endsWith(RequirementsProgress.Phase.FAILED);

        // Fixed: the next load installs into a fresh environment and runs.
        requirements("reactor_demo_pkg==1.0");
        progress.clear();
        try (HostedModel fixed = new HostedModel(model, options())) {
            fixed.sessions().start();
            await().until(() -> fixed.hasMessage("state"));
        }
        assertThat(progress).extracting(RequirementsProgress::phase).contains(RequirementsProgress.Phase.CREATING_ENVIRONMENT);
    }

    @Test
    void anInterpreterTheAuthorChoseIsUsedAsItIs() throws Exception {
        requirements("reactor_demo_pkg==1.0");
        // --python / REACTOR_PYTHON: no environment is made, so the package is missing there.
        Throwable failure = catchThrowable(() -> new HostedModel(model, options().withInterpreter(PythonSupport.interpreter())).close());
        assertThat(failure).hasMessageContaining("missing module 'reactor_demo_pkg'");
        assertThat(cache.resolve("venvs")).doesNotExist();
        assertThat(progress).isEmpty();
    }

    /** A pure-Python wheel: the package, and the dist-info pip needs (METADATA, WHEEL, RECORD). */
    static void writeWheel(Path dir, String name, String version, String init) throws IOException {
        String distInfo = name + "-" + version + ".dist-info/";
        try (OutputStream file = Files.newOutputStream(dir.resolve(name + "-" + version + "-py3-none-any.whl"));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, name + "/__init__.py", init);
            entry(zip, distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
            entry(zip, distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: reactor-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            entry(zip, distInfo + "RECORD", name + "/__init__.py,,\n" + distInfo + "METADATA,,\n" + distInfo + "WHEEL,,\n"
                    + distInfo + "RECORD,,\n");
        }
    }

    private static void entry(ZipOutputStream zip, String path, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
