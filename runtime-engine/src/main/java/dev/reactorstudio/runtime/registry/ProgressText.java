package dev.reactorstudio.runtime.registry;

import java.time.Duration;

/**
 * One line of progress text, e.g. {@code LongLive 3.2/10.0 GB (120.0 MB/s, ETA 58 s)}: what health
 * shows while loading and what the CLI bar prints beside the bar.
 */
public final class ProgressText {
    private ProgressText() {}

    public static String of(WeightProgress w) {
        return w.weight() + " " + figures(w.figures()) + switch (w.phase()) {
            case WAITING_FOR_LOCK -> " — waiting for another pull of it";
            case LISTING, QUEUED -> " — listing";
            default -> "";
        };
    }

    public static String figures(TransferFigures f) {
        StringBuilder s = new StringBuilder(ByteSizes.fraction(f.bytesDone(), f.bytesTotal()));
        if (f.bytesPerSecond() > 0) {
            s.append(" (").append(ByteSizes.format(f.bytesPerSecond())).append("/s");
            f.eta().ifPresent(eta -> s.append(", ETA ").append(duration(eta)));
            s.append(')');
        }
        return s.toString();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
