package dev.reactorstudio.runtime.python;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what crossed the bridge and samples how long a frame took to cross: from the model's
 * {@code emit_block} call (conversion and validation included) to the moment its bytes are in
 * Java, ready for the pacer. Both ends read {@code CLOCK_MONOTONIC} on Linux
 * ({@code time.monotonic_ns()}, {@link System#nanoTime()}), so the difference is meaningful there.
 */
public final class BridgeStats {
    private static final int SAMPLES = 4096;

    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final long[] latencies = new long[SAMPLES];
    private long recorded;

    /** A point-in-time view. Latency percentiles cover the last {@value #SAMPLES} blocks. */
    public record Snapshot(long frames, long bytes, double p50LatencyMillis, double p99LatencyMillis) {}

    void record(int frameCount, long byteCount, long latencyNanos) {
        frames.add(frameCount);
        bytes.add(byteCount);
        synchronized (latencies) {
            latencies[(int) (recorded++ % SAMPLES)] = latencyNanos;
        }
    }

    public Snapshot snapshot() {
        long[] sorted;
        synchronized (latencies) {
            sorted = Arrays.copyOf(latencies, (int) Math.min(recorded, SAMPLES));
        }
        Arrays.sort(sorted);
        return new Snapshot(frames.sum(), bytes.sum(), percentile(sorted, 50), percentile(sorted, 99));
    }

    /** Forgets the latency samples (a benchmark's warm-up); counters keep counting. */
    public void resetLatency() {
        synchronized (latencies) {
            recorded = 0;
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)));
        return sorted[index] / 1e6;
    }
}
