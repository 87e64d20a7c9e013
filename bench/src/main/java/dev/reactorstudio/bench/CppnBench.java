package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The neural-cppn example's speed at several internal render sizes, always emitting 480×640:
 * "gen fps" is frames per second of rendering alone (the model's own report), "loop fps" adds
 * emitBlock(NDArray) with the fps cap lifted, i.e. what the model could feed a viewer.
 * Medians of the model's one-second reports after a warm-up second.
 * Run: {@code bench/run.sh cppn [seconds per case]}.
 */
public final class CppnBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path example = Path.of(args.length > 1 ? args[1] : "examples/neural-cppn").toAbsolutePath();
        System.out.printf(Locale.ROOT, "%-12s %-10s %-9s %9s %9s%n", "render", "output", "upscale", "gen fps", "loop fps");
        for (Object[] c : new Object[][] {{480, 640, "bilinear"}, {240, 320, "bilinear"}, {240, 320, "nearest"},
                {160, 214, "bilinear"}}) {
            run(example, (int) c[0], (int) c[1], (String) c[2], seconds);
        }
    }

    private static void run(Path example, int h, int w, String upscale, int seconds) throws Exception {
        Path folder = Files.createTempDirectory("cppn-bench");
        ObjectNode manifest = (ObjectNode) JSON.readTree(example.resolve("manifest.json").toFile());
        ObjectNode modelArgs = (ObjectNode) manifest.get("args");
        modelArgs.put("fps", 240);
        modelArgs.putArray("render_size").add(h).add(w);
        modelArgs.put("upscale", upscale);
        JSON.writeValue(folder.resolve("manifest.json").toFile(), manifest);
        Files.copy(example.resolve("model_cppn.java"), folder.resolve("model_cppn.java"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("REACTOR_WEIGHTS_CPPN_V1", example.resolve("weights/cppn-v1").toString());
        List<double[]> reports = Collections.synchronizedList(new ArrayList<>());
        ModelHost host = new ModelHost(folder, HostOptions.defaults().withOrphanTimeout(Duration.ZERO).withEnvironment(env));
        host.load();
        try (host) {
            SessionManager sessions = host.sessions().orElseThrow();
            sessions.addMessageSink((id, m) -> {
                if ("progress".equals(m.path("type").asText())) {
                    reports.add(new double[] {m.path("fps").asDouble(), m.path("emitted_fps").asDouble()});
                }
            });
            sessions.start();
            Thread.sleep(seconds * 1000L);
            sessions.stop(EndReason.STOPPED);
        }
        List<double[]> measured = reports.size() > 1 ? reports.subList(1, reports.size()) : reports;
        System.out.printf(Locale.ROOT, "%-12s %-10s %-9s %9.1f %9.1f%n", h + "x" + w, "480x640", upscale,
                median(measured, 0), median(measured, 1));
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }
}
