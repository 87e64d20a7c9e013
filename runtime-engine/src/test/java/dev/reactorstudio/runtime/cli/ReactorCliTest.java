package dev.reactorstudio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.awaitility.Awaitility.await;

/** Exit codes and output of the {@code reactor} command. */
class ReactorCliTest {

    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReactorCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void validateAcceptsTheExampleWithExitZero() {
        Result result = run("validate", "../examples/hello-pattern");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ok:");
    }

    @Test
    void validatePrintsOneProblemPerLineAndExitsOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_x:X","model_name":"Bad Name","model_version":"1.0","colour":1}
                """);
        Result result = run("validate", dir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).anyMatch(l -> l.startsWith("error: model_name:"))
                .anyMatch(l -> l.startsWith("error: model_version:") && l.contains("1.0.0"))
                .anyMatch(l -> l.startsWith("warning: colour:"));
    }

    @Test
    void validateOfAFolderWithoutManifestExitsOne(@TempDir Path dir) {
        Result result = run("validate", dir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("manifest.json");
    }

    @Test
    void unknownSubcommandOrOptionIsAUsageError() {
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(run("run", "--no-such-flag").exitCode()).isEqualTo(2);
    }

    @Test
    void aQueueDepthBelowOneIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Result result = run("run", dir.toString(), "--queue-depth", "0", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--queue-depth must be at least 1");
    }

    @Test
    void aCommandQueueBelowOneIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Result result = run("run", dir.toString(), "--max-queued-commands", "0", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--max-queued-commands must be at least 1, got 0");
    }

    @Test
    void aNonLoopbackHostWithoutAllowedOriginsRefusesToStartAndSaysWhatToAdd() {
        Result result = run("run", "../examples/hello-pattern", "--host", "0.0.0.0", "--port", "0",
                "--media-port", "0", "--coordinator-port", "0");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--host 0.0.0.0 opens the servers to the network")
                .contains("add --allow-origin http://PAGE-HOST:PORT").contains("--allow-origin '*'");
    }

    @Test
    void aMalformedAllowedOriginIsAUsageErrorNamingTheForm() {
        Result result = run("run", "../examples/hello-pattern", "--allow-origin", "192.168.1.20:5173", "--port", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--allow-origin \"192.168.1.20:5173\" is not an origin")
                .contains("scheme://host[:port]");
    }

    @Test
    void initRefusesPythonAndDjlTogether(@TempDir Path dir) {
        Result result = run("init", dir.resolve("both").toString(), "--python", "--djl");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--python").contains("--djl");
        assertThat(dir.resolve("both")).doesNotExist();
    }

    @Test
    void initCreatesAModelThatValidatesLoadsAndStreams(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("My Cool-Model");
        Result init = run("init", folder.toString());
        assertThat(init.exitCode()).isZero();
        assertThat(folder.resolve("manifest.json")).exists();
        assertThat(folder.resolve("model_my_cool_model.java")).exists();
        assertThat(run("validate", folder.toString()).exitCode()).isZero();

        assertLoadsAndStreams480x640(folder, "set_brightness");
    }

    @Test
    void initDjlCreatesATensorModelThatValidatesLoadsAndStreams(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("tensor-toy");
        Result init = run("init", folder.toString(), "--djl");
        assertThat(init.exitCode()).isZero();
        assertThat(Files.readString(folder.resolve("model_tensor_toy.java"))).contains("emitBlock(red.concat");
        assertThat(run("validate", folder.toString()).exitCode()).isZero();
        assertLoadsAndStreams480x640(folder, "set_brightness");
    }

    private static void assertLoadsAndStreams480x640(Path folder, String command) throws Exception {
        ModelHost host = new ModelHost(folder, HostOptions.defaults().withOrphanTimeout(Duration.ZERO));
        host.load();
        try (host) {
            SessionManager sessions = host.sessions().orElseThrow();
            AtomicInteger frames = new AtomicInteger();
            sessions.addFrameSink(f -> {
                assertThat(f.width()).isEqualTo(640);
                assertThat(f.height()).isEqualTo(480);
                frames.incrementAndGet();
            });
            sessions.start();
            await().until(() -> frames.get() >= 3);
            assertThat(host.model().orElseThrow().commands().capabilities().toString()).contains(command);
            sessions.stop(EndReason.STOPPED);
        }
    }

    @Test
    void initRefusesANonEmptyFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        Result result = run("init", dir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not empty");
        assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void runOfABrokenModelExitsOneWithTheReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_x:X","model_name":"x","model_version":"1.0.0"}
                """);
        Result result = run("run", dir.toString(), "--port", "0", "--media-port", "0", "--coordinator-port", "0");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("model_x.java");
    }

    @Test
    void modelNamesAndClassNamesAreDerivedSafely() {
        assertThat(InitCommand.modelName("My Cool-Model")).isEqualTo("my-cool-model");
        assertThat(InitCommand.className("my-cool-model")).isEqualTo("MyCoolModelModel");
        assertThat(InitCommand.className("3d")).isEqualTo("M3dModel");
    }
}
