package dev.reactorstudio.runtime.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters of one weight's pull, written by download workers and read by the ticker.
 * Plain atomics: workers add a few times per megabyte, so contention is negligible.
 */
final class WeightCounters {
    private static final long RATE_WINDOW_NANOS = 3_000_000_000L;

    final String weight;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicInteger filesDone = new AtomicInteger();
    private volatile long total;
    private volatile int filesTotal;
    private volatile PullPhase phase = PullPhase.QUEUED;
    private volatile String currentFile;
    private final RateMeter rate = new RateMeter(RATE_WINDOW_NANOS);

    WeightCounters(String weight) {
        this.weight = weight;
    }

    void plan(long totalBytes, int files) {
        total = totalBytes;
        filesTotal = files;
    }

    /** Bytes already on disk from an earlier pull: they count as done but not toward the rate. */
    void resumed(long bytes) {
        done.addAndGet(bytes);
    }

    void transferred(long bytes) {
        done.addAndGet(bytes);
        transferred.addAndGet(bytes);
    }

    /** A file failed verification and is downloaded again: its bytes are no longer done. */
    void discarded(long bytes) {
        done.addAndGet(-bytes);
    }

    void fileDone() {
        filesDone.incrementAndGet();
    }

    void phase(PullPhase value) {
        phase = value;
    }

    PullPhase phase() {
        return phase;
    }

    void currentFile(String path) {
        currentFile = path;
    }

    long done() {
        return done.get();
    }

    long total() {
        return total;
    }

    long transferred() {
        return transferred.get();
    }

    /** Called by the ticker thread only (the rate meter is single-threaded). */
    WeightProgress snapshot(long nanos) {
        long d = Math.min(done.get(), total);
        double bytesPerSecond = phase == PullPhase.DOWNLOADING ? rate.sample(nanos, transferred.get()) : 0.0;
        TransferFigures figures = new TransferFigures(d, total, bytesPerSecond, eta(total - d, bytesPerSecond));
        return new WeightProgress(weight, phase, figures, filesDone.get(), filesTotal, Optional.ofNullable(currentFile));
    }

    static Optional<Duration> eta(long remaining, double bytesPerSecond) {
        if (remaining <= 0) {
            return Optional.of(Duration.ZERO);
        }
        return bytesPerSecond < 1 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (remaining * 1000 / bytesPerSecond)));
    }
}
