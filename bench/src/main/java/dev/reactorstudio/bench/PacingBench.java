package dev.reactorstudio.bench;

import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Emit→sink benchmarks of the session layer, printed as a table:
 * <ol>
 *   <li>throughput: a model that emits as fast as it can with no fps cap — frames/s through the pacer to a sink;</li>
 *   <li>pacing: a model generating blocks of 4 frames at ~24 fps with ±30% jitter per block, capped at 30 fps —
 *       how evenly frames leave the pacer (p50/p99 of |interval − 1/rate|) and emit→release latency;</li>
 *   <li>fast: a single-frame model generating at ~60 fps capped at 30 fps, so the queue stays full and its
 *       depth is pure latency.</li>
 * </ol>
 * The pacing scenarios run at queue depths 3 (the default) and 8, each with just-in-time pacing
 * (the default: a model ahead of its cap is held before it computes) and without it (the queue
 * fills and its depth is latency), interleaved so both see the same machine load.
 * Run: {@code bench/run.sh pacing} (or {@code java -cp ... dev.reactorstudio.bench.PacingBench [seconds]}).
 */
public final class PacingBench {

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        System.out.printf(Locale.ROOT, "%-10s %-11s %5s %-4s %10s %12s %12s %12s %12s%n",
                "size", "scenario", "queue", "jit", "frames/s", "p50 err ms", "p99 err ms", "p50 lat ms", "p99 lat ms");
        for (int[] size : new int[][] {{480, 640}, {720, 1280}}) {
            run(size, "throughput", 100_000, 1, 0, 8, true, seconds);
            for (int depth : new int[] {3, 8}) {
                for (boolean jit : new boolean[] {false, true}) {
                    run(size, "paced-4@24", 30, 4, 24, depth, jit, seconds);
                }
                for (boolean jit : new boolean[] {false, true}) {
                    run(size, "fast-1@60", 30, 1, 60, depth, jit, seconds);
                }
            }
        }
    }

    private static void run(int[] size, String scenario, double fpsCap, int block, double genFps, int depth,
                            boolean jit, double seconds) throws Exception {
        int h = size[0];
        int w = size[1];
        List<long[]> releases = new ArrayList<>();
        SyntheticModel model = new SyntheticModel(h, w, block, genFps);
        SessionSettings settings = SessionSettings.defaults().withFpsCap(fpsCap).withQueueDepth(depth)
                .withOrphanTimeout(Duration.ZERO).withDefaultSize(w, h).withJustInTime(jit);
        try (SessionManager manager = new SessionManager(model, (n, a) -> {
            throw new InvalidCommandException("no commands", List.of());
        }, settings)) {
            manager.addFrameSink(f -> {
                synchronized (releases) {
                    releases.add(new long[] {f.releasedNanos(), f.releasedNanos() - f.emittedNanos()});
                }
            });
            manager.start();
            Thread.sleep((long) (seconds * 1000));
            manager.stop(EndReason.STOPPED);
        }
        long[][] samples;
        synchronized (releases) {
            samples = releases.toArray(new long[0][]);
        }
        // Skip the first second: warm-up (JIT, rate estimate converging).
        int skip = Math.min(samples.length / 4, (int) Math.min(samples.length, Math.max(1, samples.length / seconds)));
        long[][] steady = Arrays.copyOfRange(samples, skip, samples.length);
        double span = (steady[steady.length - 1][0] - steady[0][0]) / 1e9;
        double fps = (steady.length - 1) / span;
        double ideal = 1e9 / fps;
        double[] errors = new double[steady.length - 1];
        double[] latency = new double[steady.length];
        for (int i = 1; i < steady.length; i++) {
            errors[i - 1] = Math.abs((steady[i][0] - steady[i - 1][0]) - ideal) / 1e6;
        }
        for (int i = 0; i < steady.length; i++) {
            latency[i] = steady[i][1] / 1e6;
        }
        System.out.printf(Locale.ROOT, "%-10s %-11s %5d %-4s %10.1f %12.2f %12.2f %12.2f %12.2f%n", h + "x" + w, scenario,
                depth, jit ? "on" : "off", fps,
                percentile(errors, 50), percentile(errors, 99), percentile(latency, 50), percentile(latency, 99));
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Emits blocks of {@code block} frames; sleeps to imitate a model generating at {@code genFps} with jitter. */
    static final class SyntheticModel extends VideoModel {
        private final int height;
        private final int width;
        private final int block;
        private final double genFps;

        SyntheticModel(int height, int width, int block, double genFps) {
            this.height = height;
            this.width = width;
            this.block = block;
            this.genFps = genFps;
        }

        @Override
        public void startSession() throws InterruptedException {
            SessionContext ctx = Reactor.ctx();
            byte[] frames = new byte[block * height * width * 3];
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!ctx.shouldStop()) {
                if (genFps > 0) {
                    double blockMillis = block * 1000 / genFps * (0.7 + 0.6 * random.nextDouble());
                    Thread.sleep((long) blockMillis);
                }
                frames[random.nextInt(frames.length)]++;
                if (block == 1) {
                    ctx.emitBlock(frames, height, width, 3);
                } else {
                    ctx.emitBlock(frames, block, height, width, 3);
                }
            }
        }
    }
}
