package dev.reactorstudio.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model written only against the documented API runs from a plain folder, with no build step. */
class AuthorWorkflowTest {

    private static final String MANIFEST = """
            {"reactor-runtime":"0.1.0","class":"model_x:X","model_name":"x","model_version":"1.0.0",
             "args":{"fps":60,"size":[32,48]},"weights":["Tiny"]}
            """;

    @Test
    void singleSourceModelRunsWithArgsWeightsCommandsAndMessages(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("weights/Tiny"));
        Files.writeString(dir.resolve("weights/Tiny/value.txt"), "200");
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        Files.writeString(dir.resolve("model_x.java"), """
                import dev.reactorstudio.runtime.api.*;
                import java.nio.file.Files;
                import java.util.List;
                import java.util.Map;
                public class X extends VideoModel {
                    public record Args(int fps, List<Integer> size) {}
                    private final int h, w;
                    private volatile int value;
                    public X(Args args) throws Exception {
                        h = args.size().get(0); w = args.size().get(1);
                        value = Integer.parseInt(Files.readString(VideoModel.weights("Tiny").resolve("value.txt")).trim());
                    }
                    public void startSession() {
                        var ctx = Reactor.ctx();
                        byte[] rgb = new byte[h * w * 3];
                        while (!ctx.shouldStop()) {
                            java.util.Arrays.fill(rgb, (byte) value);
                            ctx.emitBlock(rgb, h, w, 3);
                        }
                    }
                    @Command(name = "set_value", description = "grey level")
                    public void setValue(@Param(name = "value", min = 0, max = 255) int v) {
                        value = v;
                        Reactor.ctx().send(Map.of("type", "value", "value", v));
                    }
                }
                """);
        ModelHost host = new ModelHost(dir, HostOptions.defaults().withOrphanTimeout(Duration.ZERO)
                .withEnvironment(Map.of()));
        host.load();
        try (host) {
            SessionManager sessions = host.sessions().orElseThrow();
            List<Frame> frames = new CopyOnWriteArrayList<>();
            List<String> messages = new CopyOnWriteArrayList<>();
            sessions.addFrameSink(frames::add);
            sessions.addMessageSink((id, m) -> messages.add(m.toString()));
            sessions.start();
            await().until(() -> !frames.isEmpty());
            Frame first = frames.get(0);
            assertThat(first.width()).isEqualTo(48);
            assertThat(first.height()).isEqualTo(32);
            assertThat(first.rgb()[0] & 0xff).isEqualTo(200);
            sessions.command("set_value", new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"value\":7}")).get();
            await().until(() -> (frames.get(frames.size() - 1).rgb()[0] & 0xff) == 7);
            await().until(() -> messages.stream().anyMatch(m -> m.contains("\"value\":7")));
            assertThat(sessions.settings().fpsCap()).isEqualTo(60);
            sessions.stop(EndReason.STOPPED);
        }
    }

    @Test
    void compileErrorsPointToTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), MANIFEST.replace(",\"weights\":[\"Tiny\"]", ""));
        Files.writeString(dir.resolve("model_x.java"), """
                import dev.reactorstudio.runtime.api.*;
                public class X extends VideoModel {
                    public void startSession() {
                        undefinedCall();
                    }
                }
                """);
        ModelHost host = new ModelHost(dir, HostOptions.defaults());
        assertThatThrownBy(host::load).isInstanceOf(ModelHostException.class).hasMessageContaining("model_x.java:4");
        assertThat(host.state()).isEqualTo(HostState.FAILED);
    }

    @Test
    void missingWeightNamesTheWaysToProvideIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        Files.writeString(dir.resolve("model_x.java"), """
                import dev.reactorstudio.runtime.api.*;
                public class X extends VideoModel {
                    public X() { VideoModel.weights("Tiny"); }
                    public void startSession() {}
                }
                """);
        ModelHost host = new ModelHost(dir, HostOptions.defaults().withEnvironment(Map.of("REACTOR_CACHE_DIR", dir.resolve("cache").toString())));
        assertThatThrownBy(host::load).isInstanceOf(ModelHostException.class)
                .hasMessageContaining("Tiny").hasMessageContaining("REACTOR_WEIGHTS_TINY");
    }

    @Test
    void weightsEnvironmentOverrideWins(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        LocalWeights weights = new LocalWeights(dir, List.of("Wan2_1-VAE"),
                Map.of("REACTOR_WEIGHTS_WAN2_1_VAE", elsewhere.toString()));
        assertThat(weights.resolve("Wan2_1-VAE")).isEqualTo(elsewhere);
    }

    @Test
    void aManifestWeightThatIsAPathResolvesAgainstTheModelFolder(@TempDir Path dir) throws Exception {
        Path local = Files.createDirectories(dir.resolve("ckpt/v1"));
        LocalWeights weights = new LocalWeights(dir, List.of("./ckpt/v1"), Map.of());
        assertThat(weights.resolve("./ckpt/v1")).isEqualTo(local.toAbsolutePath().normalize());
    }

    @Test
    void anUnfinishedCacheFolderIsNotUsed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("cache/Big"));
        LocalWeights weights = new LocalWeights(dir, List.of("Big"), Map.of("REACTOR_CACHE_DIR", dir.resolve("cache").toString()));
        assertThat(weights.find("Big")).isEmpty();
        Files.writeString(dir.resolve("cache/Big/.reactor-complete.json"), "{}");
        assertThat(weights.find("Big")).contains(dir.resolve("cache/Big").toAbsolutePath().normalize());
    }
}
