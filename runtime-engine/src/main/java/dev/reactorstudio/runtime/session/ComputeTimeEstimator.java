package dev.reactorstudio.runtime.session;

/**
 * How long the model takes to generate its next block, and how much that varies: a smoothed mean
 * of the measured compute times and a smoothed mean absolute deviation from it. The pacer asks
 * for the lead it should give the model — start generating this long before the frame is due —
 * so a model faster than its fps cap waits before computing rather than after (its frames stay
 * fresh), while a jittery one still starts early enough to arrive in time.
 */
final class ComputeTimeEstimator {
    /** Weight of the newest sample in the mean: follows a changed workload within a few blocks. */
    private static final double MEAN_ALPHA = 0.2;
    /** The deviation moves slower: one outlier should widen the margin a little, not double it. */
    private static final double DEVIATION_ALPHA = 0.1;
    /** Deviations covered: three mean absolute deviations is about p99 for bell-shaped jitter. */
    private static final double DEVIATIONS = 3;

    private double meanNanos = Double.NaN;
    private double deviationNanos;

    synchronized void addSample(long computeNanos) {
        double sample = Math.max(0, computeNanos);
        if (Double.isNaN(meanNanos)) {
            meanNanos = sample;
            // Unknown spread at first: assume a generous one so the first blocks are not late.
            deviationNanos = sample / 4;
            return;
        }
        deviationNanos += DEVIATION_ALPHA * (Math.abs(sample - meanNanos) - deviationNanos);
        meanNanos += MEAN_ALPHA * (sample - meanNanos);
    }

    /**
     * How long before a frame is due the model should start generating the block that carries it:
     * the expected compute time plus three deviations plus {@code slackNanos} for scheduling;
     * -1 while nothing was measured (then the pacer does not hold the model back).
     */
    synchronized long leadNanos(long slackNanos) {
        if (Double.isNaN(meanNanos)) {
            return -1;
        }
        return (long) (meanNanos + DEVIATIONS * deviationNanos) + slackNanos;
    }

    synchronized boolean measured() {
        return !Double.isNaN(meanNanos);
    }
}
