package dev.reactorstudio.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two model hosts in one JVM (two studio Runs, or tests side by side): each model resolves
 * {@code VideoModel.weights(...)} against its own folder — in its constructor, on threads the
 * constructor starts, and later in commands — however the loads interleave.
 */
class WeightsPerHostTest {
    private static final String MANIFEST = """
            {"reactor-runtime":"0.1.0","class":"model_w:W","model_name":"w","model_version":"1.0.0",
             "args":{"fps":30,"size":[16,16]},"weights":["Shared"]}
            """;
    private static final String MODEL = """
            import dev.reactorstudio.runtime.api.*;
            import java.util.concurrent.atomic.AtomicReference;
            public class W extends VideoModel {
                private final String atLoad;
                private final AtomicReference<String> fromThread = new AtomicReference<>();
                public W() throws Exception {
                    atLoad = VideoModel.weights("Shared").toString();
                    Thread t = new Thread(() -> fromThread.set(VideoModel.weights("Shared").toString()));
                    t.start();
                    t.join();
                }
                public void startSession() {
                    var ctx = Reactor.ctx();
                    while (!ctx.shouldStop()) {
                        ctx.emitBlock((byte[]) null, 16, 16, 3);
                    }
                }
                @Command(name = "where", description = "where the weights are, at load, on a thread, now")
                public String where() {
                    return atLoad + "|" + fromThread.get() + "|" + VideoModel.weights("Shared");
                }
            }
            """;

    @Test
    void eachModelSeesItsOwnFoldersWeights(@TempDir Path a, @TempDir Path b) throws Exception {
        ModelHost first = host(a);
        ModelHost second = host(b);
        try {
            first.load();
            second.load();
            String expectA = a.resolve("weights/Shared").toRealPath().toString();
            String expectB = b.resolve("weights/Shared").toRealPath().toString();
            assertThat(where(first)).isEqualTo(expectA + "|" + expectA + "|" + expectA);
            assertThat(where(second)).isEqualTo(expectB + "|" + expectB + "|" + expectB);
        } finally {
            first.close();
            second.close();
        }
    }

    private static ModelHost host(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("weights/Shared"));
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        Files.writeString(dir.resolve("model_w.java"), MODEL);
        return new ModelHost(dir, HostOptions.defaults().withOrphanTimeout(Duration.ZERO));
    }

    private static String where(ModelHost host) throws Exception {
        var sessions = host.sessions().orElseThrow();
        sessions.start();
        try {
            Object value = sessions.command("where", new ObjectMapper().createObjectNode()).get(10, TimeUnit.SECONDS);
            return String.valueOf(value);
        } finally {
            sessions.stop(dev.reactorstudio.runtime.session.EndReason.STOPPED);
        }
    }
}
