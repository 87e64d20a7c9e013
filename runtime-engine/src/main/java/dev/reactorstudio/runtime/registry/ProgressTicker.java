package dev.reactorstudio.runtime.registry;

import dev.reactorstudio.runtime.concurrent.Scheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes progress snapshots at 10 Hz on its own named thread, so workers never call the
 * listener (a slow UI cannot slow the download) and the UI is not flooded with one event per
 * buffer. Owns its thread; {@link #close()} stops it after one final {@code finished} event.
 */
final class ProgressTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressTicker.class);
    private static final long PERIOD_MS = 100;

    private final List<WeightCounters> weights;
    private final PullProgressListener listener;
    private final ScheduledExecutorService thread;
    private final RateMeter overallRate = new RateMeter(3_000_000_000L);

    ProgressTicker(List<WeightCounters> weights, PullProgressListener listener) {
        this.weights = List.copyOf(weights);
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-pull-progress");
            t.setDaemon(true);
            return t;
        });
        Scheduled.atFixedRate(thread, LOG, "Pull progress", () -> publish(false), 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void publish(boolean finished) {
        try {
            listener.onProgress(snapshot(finished));
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed: {}", e.toString());
        }
    }

    PullProgress snapshot(boolean finished) {
        long now = System.nanoTime();
        List<WeightProgress> each = new ArrayList<>(weights.size());
        long done = 0;
        long total = 0;
        long transferred = 0;
        boolean downloading = false;
        for (WeightCounters w : weights) {
            WeightProgress p = w.snapshot(now);
            each.add(p);
            done += p.figures().bytesDone();
            total += p.figures().bytesTotal();
            transferred += w.transferred();
            downloading |= p.phase() == PullPhase.DOWNLOADING;
        }
        double rate = downloading ? overallRate.sample(now, transferred) : 0.0;
        return new PullProgress(each, new TransferFigures(done, total, rate, WeightCounters.eta(total - done, rate)), finished);
    }

    /** Stops ticking and publishes the final event from the caller's thread once the ticker is idle. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publish(true);
    }
}
