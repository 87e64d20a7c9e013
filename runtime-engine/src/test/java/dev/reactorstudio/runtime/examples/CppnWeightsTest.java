package dev.reactorstudio.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.EndReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped cppn-v1 folder is exactly what the example's generator makes (no unexplained
 * binaries), and the model finds it wherever the runtime resolves weights, not only beside itself.
 */
class CppnWeightsTest {
    static final Path EXAMPLE = Path.of("..", "examples", "neural-cppn");

    @Test
    void generatorReproducesTheShippedWeightsByteForByte(@TempDir Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EXAMPLE.resolve("generate_weights.java").toString(),
                out.toString())).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(log).isZero();

        Path shipped = EXAMPLE.resolve("weights/cppn-v1");
        for (String file : List.of("config.json", "cppn-0000.params")) {
            assertThat(Files.readAllBytes(out.resolve(file))).as(file).isEqualTo(Files.readAllBytes(shipped.resolve(file)));
        }
        try (var files = Files.list(shipped)) {
            assertThat(files.mapToLong(f -> f.toFile().length()).sum()).as("shipped bytes").isLessThan(64 * 1024);
        }
    }

    @Test
    void modelTakesItsWeightsFromTheRegistryCacheWhenItsFolderHasNone(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("neural-cppn"));
        Files.copy(EXAMPLE.resolve("manifest.json"), folder.resolve("manifest.json"));
        Files.copy(EXAMPLE.resolve("model_cppn.java"), folder.resolve("model_cppn.java"));
        Path cached = Files.createDirectories(dir.resolve("cache/cppn-v1"));
        for (String file : List.of("config.json", "cppn-0000.params")) {
            Files.copy(EXAMPLE.resolve("weights/cppn-v1").resolve(file), cached.resolve(file));
        }
        // What a finished registry download leaves behind; its contents are the registry's business.
        Files.writeString(cached.resolve(".reactor-complete.json"), "{}");

        ModelHost host = new ModelHost(folder, HostOptions.defaults().withOrphanTimeout(Duration.ZERO)
                .withEnvironment(Map.of("REACTOR_CACHE_DIR", dir.resolve("cache").toString())));
        host.load();
        try (host) {
            var sessions = host.sessions().orElseThrow();
            CountDownLatch frame = new CountDownLatch(1);
            sessions.addFrameSink(f -> frame.countDown());
            sessions.start();
            assertThat(frame.await(60, TimeUnit.SECONDS)).as("a frame from cached weights").isTrue();
            sessions.stop(EndReason.STOPPED);
        }
    }
}
