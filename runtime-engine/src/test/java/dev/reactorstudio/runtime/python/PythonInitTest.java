package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.cli.ReactorCli;
import dev.reactorstudio.runtime.session.EndReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reactor init NAME --python} creates a seed-style folder that validates, loads and streams as created. */
class PythonInitTest {

    @Test
    void initPythonCreatesASeedStyleModelThatRuns(@TempDir Path dir) throws Exception {
        PythonOptions python = PythonSupport.options();
        Path folder = dir.resolve("Neon Waves");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReactorCli());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("init", folder.toString(), "--python")).isZero();
        assertThat(folder.resolve("model_neon_waves.py")).exists();
        assertThat(folder.resolve("requirements.txt")).exists();
        assertThat(folder.resolve("README.md")).exists();
        assertThat(folder.resolve("model_neon_waves.java")).doesNotExist();
        assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"class\": \"model_neon_waves:NeonWavesModel\"");
        assertThat(cli.execute("validate", folder.toString())).isZero();

        try (HostedModel model = new HostedModel(folder, python)) {
            model.sessions().start();
            await().until(() -> model.frames.size() >= 3);
            assertThat(model.frames.get(0).width()).isEqualTo(640);
            assertThat(model.host.model().orElseThrow().commands().capabilities().toString())
                    .contains("set_brightness").contains("\"maximum\":1");
            model.sessions().stop(EndReason.STOPPED);
        }
    }
}
