package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing a Python model's requirements can be stopped — Stop in the studio ({@link ModelHost#cancelLoad()})
 * and Ctrl-C in {@code reactor run} — without leaving pip running or a half-made environment that a later run
 * would use. pip is held up offline by a package index on 127.0.0.1 that accepts connections and never answers.
 */
class RequirementsStopTest {
    @TempDir
    Path temp;
    Path model;
    Path wheels;
    final List<RequirementsProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void modelFolder() throws IOException {
        model = Files.createDirectories(temp.resolve("demo-model"));
        wheels = Files.createDirectories(temp.resolve("wheels"));
        Files.writeString(model.resolve("manifest.json"), """
                {"reactor-runtime": "0.1.0", "class": "model_demo:Demo", "model_name": "demo-model",
                 "model_version": "1.0.0", "args": {"fps": 30, "size": [48, 64]}, "weights": []}
                """);
        Files.writeString(model.resolve("model_demo.py"), """
                import time
                import numpy as np
                import reactor_demo_pkg
                from reactor_runtime import VideoModel, get_ctx

                class Demo(VideoModel):
                    def start_session(self):
                        ctx = get_ctx()
                        ctx.send({"type": "state", "pkg": reactor_demo_pkg.VALUE})
                        while not ctx.should_stop():
                            ctx.emit_block(np.zeros((48, 64, 3), np.uint8))
                            time.sleep(0.03)
                """);
        RequirementsEnvironmentTest.writeWheel(wheels, "reactor_demo_pkg", "1.0", "VALUE = 'from the wheel'\n");
    }

    private void requirementsFrom(String findLinks) throws IOException {
        Files.writeString(model.resolve("requirements.txt"), "--no-index\n--find-links " + findLinks + "\nreactor_demo_pkg==1.0\n");
    }

    @Test
    void stopWhilePipInstallsKillsItsProcessTreeRemovesTheEnvironmentAndTheNextRunStartsAfresh() throws Exception {
        Path cache = temp.resolve("cache");
        PythonOptions python = PythonSupport.options().withRequirementsEnvironment(true).withCacheRoot(cache)
                .withRequirementsListener(progress::add);
        try (ServerSocket silentIndex = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            requirementsFrom("http://127.0.0.1:" + silentIndex.getLocalPort() + "/");
            ModelHost host = new ModelHost(model, HostOptions.defaults().withOrphanTimeout(Duration.ZERO).withPython(python));
            CompletableFuture<Throwable> load = CompletableFuture.supplyAsync(() -> catchThrowable(host::load));
            await().atMost(Duration.ofSeconds(90)).until(() -> !pipInstalls().isEmpty()
                    && progress.stream().anyMatch(p -> p.phase() == RequirementsProgress.Phase.INSTALLING));
            List<ProcessHandle> pip = pipInstalls();

            host.cancelLoad(); // what the studio's Stop does while the model loads

            Throwable failure = load.get(30, TimeUnit.SECONDS);
            assertThat(failure).hasMessageContaining("installing the requirements of demo-model was stopped");
            await().atMost(Duration.ofSeconds(10)).until(() -> pip.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(commandsOfThisTest()).isEmpty();
            assertThat(environments(cache)).as("no half-made environment is left").isEmpty();
            assertThat(progress).extracting(RequirementsProgress::phase).endsWith(RequirementsProgress.Phase.STOPPED);
            host.close();
        }

        // Reachable requirements: the next load makes the environment afresh and the model runs in it.
        requirementsFrom(wheels.toString());
        progress.clear();
        try (HostedModel hosted = new HostedModel(model, python)) {
            hosted.sessions().start();
            await().until(() -> hosted.hasMessage("state"));
        }
        assertThat(progress).extracting(RequirementsProgress::phase).startsWith(RequirementsProgress.Phase.CREATING_ENVIRONMENT)
                .endsWith(RequirementsProgress.Phase.READY);
    }

    @Test
    void ctrlCInReactorRunEndsPipWithTheRuntimeAndTheEnvironmentIsNotUsedLater() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path cache = home.resolve(".cache");
        Path log = temp.resolve("reactor-run.log");
        try (ServerSocket silentIndex = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            requirementsFrom("http://127.0.0.1:" + silentIndex.getLocalPort() + "/");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.home=" + home,
                    "-cp", System.getProperty("java.class.path"), "dev.reactorstudio.runtime.cli.ReactorCli", "run", model.toString(),
                    "--port", "0", "--coordinator-port", "0", "--media-port", "0"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove(PythonOptions.INTERPRETER_VARIABLE);
            Process reactor = builder.start();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> !pipInstalls().isEmpty());
                List<ProcessHandle> pip = pipInstalls();

                reactor.destroy(); // SIGTERM: the JVM's shutdown as on Ctrl-C, but pip itself gets no signal from a terminal

                assertThat(reactor.waitFor(60, TimeUnit.SECONDS)).as("reactor run exits; its output:\n" + Files.readString(log)).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> pip.stream().noneMatch(ProcessHandle::isAlive));
                assertThat(commandsOfThisTest()).isEmpty();
            } finally {
                reactor.destroyForcibly();
            }
        }
        // Whatever the exit left behind is not ready, so the next run rebuilds it rather than using it.
        for (Path venv : environments(cache.resolve("reactor_studio").resolve("python"))) {
            assertThat(venv.resolve(".reactor-requirements-ready")).doesNotExist();
        }
    }

    /** pip installing this test's requirements (Linux gives the interpreter resolved, so the file names it). */
    private List<ProcessHandle> pipInstalls() {
        String requirements = model.resolve("requirements.txt").toString();
        return commandsOfThisTest().stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-m pip install") && c.contains(requirements)).orElse(false))
                .toList();
    }

    /** Any process but the test's own JVMs whose command line names this test's folder: pip, the venv module. */
    private List<ProcessHandle> commandsOfThisTest() {
        String marker = temp.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("ReactorCli")).orElse(false))
                .toList();
    }

    private static List<Path> environments(Path cache) throws IOException {
        Path venvs = cache.resolve("venvs");
        if (!Files.isDirectory(venvs)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(venvs)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }
}
