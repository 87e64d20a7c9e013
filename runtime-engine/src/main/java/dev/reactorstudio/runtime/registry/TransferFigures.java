package dev.reactorstudio.runtime.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * Bytes done of a total, the recent transfer rate and the time left at that rate.
 *
 * @param bytesDone      bytes on disk and accounted for (resumed bytes count from the start)
 * @param bytesPerSecond network rate over the last few seconds (resumed bytes excluded)
 * @param eta            empty while the rate is unknown or zero
 */
public record TransferFigures(long bytesDone, long bytesTotal, double bytesPerSecond, Optional<Duration> eta) {

    /** 0..1; 1 for an empty total. */
    public double fraction() {
        return bytesTotal <= 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }
}
