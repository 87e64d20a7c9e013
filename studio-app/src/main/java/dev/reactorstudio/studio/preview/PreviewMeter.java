package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.session.SessionStats;
import java.util.function.Supplier;

/**
 * Turns counters into rates once per tick: frames painted per second (what the author sees) and
 * frames emitted per second by the model. FX thread.
 */
final class PreviewMeter {
    private final FramePainter painter;
    private final Supplier<SessionStats> stats;
    private long lastPainted;
    private long lastEmitted = -1;
    private long lastNanos;
    private double paintFps;
    private double emitFps;

    PreviewMeter(FramePainter painter, Supplier<SessionStats> stats) {
        this.painter = painter;
        this.stats = stats;
    }

    void tick(long nanos) {
        SessionStats s = stats.get();
        long emitted = s == null ? 0 : s.framesEmitted();
        long painted = painter.paintedCount();
        if (lastNanos != 0) {
            double seconds = (nanos - lastNanos) / 1e9;
            paintFps = (painted - lastPainted) / seconds;
            emitFps = lastEmitted < 0 || emitted < lastEmitted ? 0 : (emitted - lastEmitted) / seconds;
        }
        lastNanos = nanos;
        lastPainted = painted;
        lastEmitted = emitted;
    }

    double paintFps() {
        return paintFps;
    }

    double emitFps() {
        return emitFps;
    }
}
