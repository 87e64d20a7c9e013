package dev.reactorstudio.runtime.session;

/**
 * Smoothed generation rate of a model, in frames per second, measured from the compute time
 * of each block (the time between one {@code emitBlock} returning and the next being called),
 * so time spent blocked by backpressure never counts as slowness.
 */
final class RateEstimator {
    /** Weight of the newest sample; low enough to ride out one slow block, high enough to follow a real change. */
    private static final double ALPHA = 0.3;

    private final double cap;
    private double rate = Double.NaN;

    RateEstimator(double cap) {
        this.cap = cap;
    }

    synchronized void addSample(int frames, long computeNanos) {
        if (frames <= 0) {
            return;
        }
        double sample = computeNanos <= 0 ? cap : Math.min(cap, frames * 1e9 / computeNanos);
        rate = Double.isNaN(rate) ? sample : rate + ALPHA * (sample - rate);
    }

    /** The release rate: the measured rate capped by the manifest fps; the cap until measured. */
    synchronized double rate() {
        return Double.isNaN(rate) ? cap : Math.min(rate, cap);
    }

    synchronized boolean measured() {
        return !Double.isNaN(rate);
    }
}
