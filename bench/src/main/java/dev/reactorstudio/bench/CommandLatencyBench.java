package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.host.HostOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command → visible change through the unmodified JS SDK in headless Chromium (bench/run.sh
 * latency [commands]): hello-pattern at 480×640@30 at the default settings, with its stamps on
 * (row 0 the frame counter, row 1 the commands applied). The page sends {@code set_palette}
 * (warm and mono in turn) and times each from {@code sendCommand} to the first presented frame
 * whose command stamp shows it (requestVideoFrameCallback presentationTime). Inside the test
 * namespace, like {@code bench/run.sh media}.
 */
public final class CommandLatencyBench {

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        try (MediaStack stack = new MediaStack(root, "10.203.0.1", "10.203.0.2", HostOptions.defaults().queueDepth())) {
            JsonNode result = BrowserRun.run(root, stack.apiUrl(), "10.203.0.2", line -> { }, "cmdlatency",
                    String.valueOf(commands));
            List<Double> latencies = new ArrayList<>();
            result.path("latencies").forEach(l -> latencies.add(l.asDouble()));
            double[] v = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "command → visible change, %dx%d, %d set_palette commands via the JS SDK%n",
                    result.path("videoWidth").asInt(), result.path("videoHeight").asInt(), v.length);
            System.out.printf(Locale.ROOT, "  latency (ms): min %.1f  p50 %.1f  p95 %.1f  max %.1f%n",
                    v[0], pct(v, 50), pct(v, 95), v[v.length - 1]);
            System.out.printf(Locale.ROOT, "  pacer: %s%n", stack.sessions().stats().framesDropped() + " frames dropped (flushed or at stops)");
        }
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private CommandLatencyBench() {
    }
}
