package dev.reactorstudio.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped cppn-v1 folder is exactly what the example's generator makes: no unexplained binaries. */
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
}
