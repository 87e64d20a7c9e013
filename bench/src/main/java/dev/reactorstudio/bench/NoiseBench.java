package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Hard-to-encode content through the unmodified JS SDK in headless Chromium (bench/run.sh noise
 * [seconds]): a model at 480×640@30 whose every third frame is per-pixel random noise (the rest a
 * smooth gradient), watched for SECONDS after a 3 s warm-up; prints the frames presented per second
 * (and, to show where frames go, received/decoded in the page and released/converted at the server) with libwebrtc's
 * own bitrate (300 kbit/s start, {@code --video-kbps 0}), with a 4 Mbit/s start and with the
 * default range (10000:300:30000), in the same run. Inside the test namespace, like {@code bench/run.sh media}.
 */
public final class NoiseBench {
    private static final String MODEL = """
            import dev.reactorstudio.runtime.api.*;
            import java.util.concurrent.ThreadLocalRandom;
            public class NoiseModel extends VideoModel {
                public void startSession() throws Exception {
                    var ctx = Reactor.ctx();
                    byte[] rgb = new byte[480 * 640 * 3];
                    long n = 0;
                    while (!ctx.shouldStop()) {
                        if (n % 3 == 0) {
                            ThreadLocalRandom.current().nextBytes(rgb);
                        } else {
                            for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) ((i / 3 % 640 + n) & 255);
                        }
                        n++;
                        ctx.emitBlock(rgb, 480, 640, 3);
                    }
                }
            }
            """;

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path folder = Files.createTempDirectory("noise-bench-");
        Files.writeString(folder.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_noise:NoiseModel","model_name":"hello-pattern","model_version":"1.0.0",
                 "args":{"fps":30,"size":[480,640]}}
                """);
        Files.writeString(folder.resolve("model_noise.java"), MODEL);
        System.out.printf(Locale.ROOT, "480x640@30, every third frame per-pixel noise, %d s via the JS SDK in Chromium (after a 3 s warm-up),"
                + " load average %s%n", seconds, java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        for (int[] kbps : new int[][] {{0, 0, 0}, {4000, 300, 20000}, {10000, 300, 30000}}) {
            try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(folder).withBindHost("10.203.0.1")
                    .withRuntimePort(0).withMediaPort(0).withCoordinatorPort(0).withVideoKbps(kbps[0], kbps[1], kbps[2])
                    .withSecurity(SecurityOptions.defaults().withOrigins(OriginPolicy.allowing(List.of("http://10.203.0.2:*")))))) {
                services.loadModel();
                String api = "http://10.203.0.1:" + services.coordinatorUrl().orElseThrow().getPort();
                var sessions = services.host().sessions().orElseThrow();
                long released0 = sessions.stats().framesDelivered();
                var media0 = services.media().orElseThrow().stats();
                long t0 = System.nanoTime();
                JsonNode r = BrowserRun.run(root, api, "10.203.0.2", line -> { }, "rate", String.valueOf(seconds));
                double wall = (System.nanoTime() - t0) / 1e9;
                var media1 = services.media().orElseThrow().stats();
                // Where frames go: released by the pacer → converted for the encoder → received/decoded/presented in the page.
                System.out.printf(Locale.ROOT, "  --video-kbps %-16s %5.1f fps presented | received %5.1f, decoded %5.1f, %6.0f kbit/s"
                                + " | server (whole run, %.0f s): released %5.1f fps, converted %5.1f fps, %d dropped before conversion%n",
                        kbps[0] == 0 ? "0 (libwebrtc)" : kbps[0] + ":" + kbps[1] + ":" + kbps[2],
                        r.path("presentedFps").asDouble(), r.path("receivedFps").asDouble(), r.path("decodedFps").asDouble(),
                        r.path("kbps").asDouble(), wall, (sessions.stats().framesDelivered() - released0) / wall,
                        (media1.framesConverted() - media0.framesConverted()) / wall, media1.framesDropped() - media0.framesDropped());
            }
        }
    }

    private NoiseBench() {
    }
}
