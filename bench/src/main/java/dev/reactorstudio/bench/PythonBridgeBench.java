package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.model.LoadedModel;
import dev.reactorstudio.runtime.model.ModelLoader;
import dev.reactorstudio.runtime.python.BridgeStats;
import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.runtime.python.PythonVideoModel;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames crossing the Python bridge, printed as a table:
 * <ol>
 *   <li>throughput: a Python model emitting pre-made frames as fast as it can, no fps cap — frames/s that
 *       reach a sink through the bridge and the pacer (uint8 frames: the bridge's own cost; float frames: plus
 *       the 0..1 → uint8 conversion in Python);</li>
 *   <li>latency: the same model emitting at 30 fps, so nothing waits on backpressure — how long a frame
 *       takes from the model's {@code emit_block} call to being in Java, ready for the pacer (p50/p99).</li>
 * </ol>
 * Run: {@code bench/run.sh python [seconds]}; the interpreter is {@code $REACTOR_PYTHON}, else
 * {@code /usr/bin/python3} when present, else {@code python3}.
 */
public final class PythonBridgeBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path folder = Files.createTempDirectory("bridge-bench");
        try (InputStream model = PythonBridgeBench.class.getResourceAsStream("/model_bridge_bench.py")) {
            Files.copy(model, folder.resolve("model_bridge_bench.py"));
        }
        PythonOptions python = PythonOptions.defaults().withInterpreter(interpreter());
        System.out.printf(Locale.ROOT, "interpreter: %s%n", python.interpreter());
        System.out.printf(Locale.ROOT, "%-10s %-8s %-6s %-11s %10s %8s %14s %14s%n",
                "size", "dtype", "block", "scenario", "frames/s", "MB/s", "p50 cross ms", "p99 cross ms");
        for (int[] size : new int[][] {{480, 640}, {720, 1280}}) {
            run(folder, python, size, "uint8", 1, 0, seconds);
            run(folder, python, size, "uint8", 4, 0, seconds);
            run(folder, python, size, "float32", 1, 0, seconds);
            run(folder, python, size, "float64", 1, 0, seconds);
            run(folder, python, size, "uint8", 1, 30, seconds);
            run(folder, python, size, "float64", 1, 30, seconds);
        }
    }

    private static String interpreter() {
        String configured = System.getenv(PythonOptions.INTERPRETER_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static void run(Path folder, PythonOptions python, int[] size, String dtype, int block, int rate,
            double seconds) throws Exception {
        ObjectNode modelArgs = JSON.createObjectNode().put("dtype", dtype).put("block", block).put("rate", rate);
        modelArgs.putArray("size").add(size[0]).add(size[1]);
        try (LoadedModel loaded = ModelLoader.load(folder, "model_bridge_bench:BridgeBenchModel", modelArgs, python)) {
            PythonVideoModel model = (PythonVideoModel) loaded.instance();
            SessionSettings settings = SessionSettings.defaults().withFpsCap(rate == 0 ? 100_000 : rate * 2)
                    .withQueueDepth(8).withOrphanTimeout(Duration.ZERO).withDefaultSize(size[1], size[0]);
            AtomicLong delivered = new AtomicLong();
            BridgeStats.Snapshot start;
            long startNanos;
            try (SessionManager manager = new SessionManager(model, (n, a) -> {
                throw new InvalidCommandException("no commands", List.of());
            }, settings)) {
                manager.addFrameSink(f -> delivered.incrementAndGet());
                manager.start();
                Thread.sleep(1000); // warm-up: JIT, rate estimate, buffers grown
                model.stats().resetLatency();
                start = model.stats().snapshot();
                long startDelivered = delivered.get();
                startNanos = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                BridgeStats.Snapshot end = model.stats().snapshot();
                double elapsed = (System.nanoTime() - startNanos) / 1e9;
                long frames = delivered.get() - startDelivered;
                double mb = (end.bytes() - start.bytes()) / 1e6 / elapsed;
                manager.stop(EndReason.STOPPED);
                System.out.printf(Locale.ROOT, "%-10s %-8s %-6d %-11s %10.1f %8.0f %14.2f %14.2f%n",
                        size[0] + "x" + size[1], dtype, block, rate == 0 ? "throughput" : "latency@" + rate,
                        frames / elapsed, mb, end.p50LatencyMillis(), end.p99LatencyMillis());
            }
        }
    }
}
