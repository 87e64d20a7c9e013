package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.frame.FrameSink;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.session.EndReason;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Media benchmarks with the real stack (runtime + media engine + coordinator, hello-pattern at
 * 480×640@30 with its frame stamp) and the unmodified JS SDK in headless Chromium, all on this
 * machine inside the test namespace (bench/run.sh media):
 * <ol>
 *   <li>glass-to-glass: model {@code emitBlock} → frame presented in Chromium (requestVideoFrameCallback
 *       presentationTime), matched by the stamped counter read back from the pixels; also split at the pacer release;</li>
 *   <li>{@code connect()} → first presented frame, over fresh sessions;</li>
 *   <li>server CPU (this JVM) with 0, 1, 2 and 4 viewers.</li>
 * </ol>
 */
public final class MediaBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String server = "10.203.0.1";
        String page = "10.203.0.2";
        // hello-pattern renders faster than 30 fps, so it keeps the pacer's queue full: with the
        // host's default depth glass-to-glass is mostly queueing. A 2-frame queue shows the rest.
        try (MediaStack shallow = new MediaStack(root, server, page, 2)) {
            System.out.println("pacer queue depth 2:");
            latency(shallow, root, page, seconds);
        }
        try (MediaStack stack = new MediaStack(root, server, page, HostOptions.defaults().queueDepth())) {
            System.out.printf(Locale.ROOT, "pacer queue depth %d (host default):%n", HostOptions.defaults().queueDepth());
            latency(stack, root, page, seconds);
            firstFrame(stack, root, page, 10);
            cpuPerViewer(stack, root, page, Math.max(8, seconds / 2));
            System.out.printf(Locale.ROOT, "media engine: %s%n", stack.media.stats());
        }
    }

    private static void latency(MediaStack stack, Path root, String page, int seconds) throws Exception {
        FrameStampReader stamps = new FrameStampReader();
        FrameSink sink = stamps::onFrame;
        stack.sessions().addFrameSink(sink);
        List<double[]> presented = new ArrayList<>();
        JsonNode result = BrowserRun.run(root, stack.apiUrl(), page, line -> {
            if (line.startsWith("STAMPS ")) {
                try {
                    for (JsonNode s : JSON.readTree(line.substring(7))) {
                        presented.add(new double[] {s.get(0).asInt(), s.get(1).asDouble()});
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "latency", String.valueOf(seconds));
        stack.sessions().removeFrameSink(sink);
        awaitNoSession(stack);
        List<Double> glass = new ArrayList<>();
        List<Double> afterRelease = new ArrayList<>();
        List<Double> inPacer = new ArrayList<>();
        int unmatched = 0;
        for (double[] p : presented) {
            FrameStampReader.Times t = stamps.times((int) p[0]);
            if (t == null) {
                unmatched++;
                continue;
            }
            glass.add(p[1] - t.emittedMs());
            afterRelease.add(p[1] - t.releasedMs());
            inPacer.add(t.releasedMs() - t.emittedMs());
        }
        System.out.printf(Locale.ROOT, "glass-to-glass %dx%d, %d s, %d frames presented (%.1f fps), %d unmatched stamps%n",
                result.path("videoWidth").asInt(), result.path("videoHeight").asInt(), seconds, presented.size(),
                presented.size() / (double) seconds, unmatched);
        row("  emit → presented (ms)", glass);
        row("  emit → pacer release (ms)", inPacer);
        row("  release → presented (ms)", afterRelease);
    }

    private static void firstFrame(MediaStack stack, Path root, String page, int runs) throws Exception {
        JsonNode result = BrowserRun.run(root, stack.apiUrl(), page, line -> { }, "firstframe", String.valueOf(runs));
        List<Double> times = new ArrayList<>();
        result.path("firstFrameMs").forEach(t -> times.add(t.asDouble()));
        awaitNoSession(stack);
        System.out.printf(Locale.ROOT, "connect() → first presented frame, %d fresh sessions%n", runs);
        row("  time (ms)", times);
    }

    private static void cpuPerViewer(MediaStack stack, Path root, String page, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "server CPU (this JVM; %% of one core), %d s windows, %d cores%n",
                seconds, Runtime.getRuntime().availableProcessors());
        // 0 viewers: the session runs (model, pacer, conversion) but nothing is encoded.
        stack.sessions().start();
        Thread.sleep(2000);
        double base = cpuPercent(os, seconds);
        stack.sessions().stop(EndReason.STOPPED);
        awaitNoSession(stack);
        System.out.printf(Locale.ROOT, "  %d viewers: %6.1f %%%n", 0, base);
        for (int n : new int[] {1, 2, 4}) {
            CountDownLatch holding = new CountDownLatch(1);
            double[] cpu = new double[1];
            Thread measure = new Thread(() -> {
                try {
                    holding.await();
                    cpu[0] = cpuPercent(os, seconds - 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-cpu");
            measure.start();
            BrowserRun.run(root, stack.apiUrl(), page, line -> {
                if (line.startsWith("HOLDING")) {
                    holding.countDown();
                }
            }, "viewers", String.valueOf(n), String.valueOf(seconds));
            measure.join();
            awaitNoSession(stack);
            System.out.printf(Locale.ROOT, "  %d viewers: %6.1f %%  (%.1f %% per viewer above 0 viewers)%n",
                    n, cpu[0], (cpu[0] - base) / n);
        }
    }

    private static double cpuPercent(com.sun.management.OperatingSystemMXBean os, int seconds) throws InterruptedException {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    private static void awaitNoSession(MediaStack stack) throws InterruptedException {
        for (int i = 0; i < 300 && stack.sessions().current().isPresent(); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        stack.sessions().current().ifPresent(s -> stack.sessions().stop(EndReason.STOPPED));
        for (int i = 0; i < 100 && stack.sessions().current().isPresent(); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static void row(String label, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-30s no samples%n", label);
            return;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-30s n=%4d  min %6.1f  p50 %6.1f  p95 %6.1f  max %6.1f%n",
                label, v.length, v[0], pct(v, 50), pct(v, 95), v[v.length - 1]);
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private MediaBench() {
    }

}
