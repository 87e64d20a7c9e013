package dev.reactorstudio.runtime.registry;

import java.util.ArrayDeque;

/**
 * Transfer rate over a sliding window of samples. A window of a few seconds smooths the bursts of
 * parallel chunk completions without hiding a stall for long. Used from one thread (the ticker).
 */
final class RateMeter {
    private record Sample(long nanos, long bytes) {}

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records the cumulative byte count at {@code nanos} and returns bytes per second over the window. */
    double sample(long nanos, long cumulativeBytes) {
        samples.addLast(new Sample(nanos, cumulativeBytes));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = nanos - first.nanos();
        return elapsed <= 0 ? 0.0 : (cumulativeBytes - first.bytes()) * 1e9 / elapsed;
    }
}
