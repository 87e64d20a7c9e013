package dev.reactorstudio.bench;

import dev.reactorstudio.runtime.frame.Frame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server side of the glass-to-glass measurement: reads the counter hello-pattern stamps into
 * each frame (16 black/white 16×16 cells, bit 15 first) as the pacer releases it, and remembers
 * when that frame was emitted, in wall-clock milliseconds — the clock Chromium's
 * {@code performance.timeOrigin + presentationTime} uses on the same machine.
 */
final class FrameStampReader {
    /** Emitted/released wall-clock ms by stamp. */
    record Times(double emittedMs, double releasedMs) {
    }

    private final Map<Integer, Times> byStamp = new ConcurrentHashMap<>();
    private final long wallMinusMonoNanos = wallMinusMono();

    void onFrame(Frame frame) {
        byStamp.put(read(frame), new Times(wallMs(frame.emittedNanos()), wallMs(frame.releasedNanos())));
    }

    Times times(int stamp) {
        return byStamp.get(stamp);
    }

    void clear() {
        byStamp.clear();
    }

    static int read(Frame frame) {
        int value = 0;
        for (int bit = 0; bit < 16; bit++) {
            int i = (8 * frame.width() + bit * 16 + 8) * 3;
            value = (value << 1) | ((frame.rgb()[i] & 255) > 127 ? 1 : 0);
        }
        return value;
    }

    private double wallMs(long monoNanos) {
        return (monoNanos + wallMinusMonoNanos) / 1e6;
    }

    /** Offset between the wall clock (microsecond {@link java.time.Instant} on Linux) and nanoTime, from the tightest of several reads. */
    private static long wallMinusMono() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 100; i++) {
            long before = System.nanoTime();
            java.time.Instant now = java.time.Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + after) / 2;
            }
        }
        return offset;
    }
}
