package dev.reactorstudio.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.cli.ReactorCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * DJL is on the engine's class path, yet a model that never passes an NDArray must start and run
 * as before: no DJL class loaded, no libtorch mapped. Each case runs in a fresh JVM, since this
 * test JVM has long since loaded DJL for the other tests. The DJL case proves the probe sees it.
 */
class DjlStaysUnloadedTest {

    @Test
    void plainModelRunsWithoutLoadingDjlOrLibtorch() throws Exception {
        String output = probe(Path.of("..", "examples", "hello-pattern"));
        assertThat(output).contains("probe: libtorch mapped=false");
        assertThat(output.lines().filter(l -> l.contains(" ai.djl.")).toList()).as("DJL classes loaded").isEmpty();
    }

    @Test
    void djlModelLoadsTheEngineAndLibtorch(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("tensor-toy");
        assertThat(new CommandLine(new ReactorCli()).execute("init", folder.toString(), "--djl")).isZero();
        String output = probe(folder);
        assertThat(output).contains("probe: libtorch mapped=true");
        assertThat(output).contains(" ai.djl.engine.Engine ");
    }

    private static String probe(Path folder) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xlog:class+load=info:stdout", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), LoadProbe.class.getName(), folder.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text.lines().filter(l -> !l.startsWith("[")).toList().toString()).isZero();
        return text;
    }
}
