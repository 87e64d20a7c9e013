package dev.reactorstudio.runtime.session;

import java.time.Duration;

/**
 * Tunables of the session layer.
 *
 * @param fpsCap        upper bound of the release rate (the manifest's {@code args.fps})
 * @param queueDepth    frames the pacer buffers before {@code emitBlock} blocks (a block larger than this still fits)
 * @param orphanTimeout a session with no attached client for this long is stopped; zero disables
 * @param stopGrace     how long a model may take to notice {@code shouldStop()} before health says so
 * @param defaultWidth  frame width used for black frames before the model emitted any
 * @param defaultHeight frame height used for black frames before the model emitted any
 * @param commandQueue  commands waiting for the model at most; one more is refused (429 on the runtime API)
 */
public record SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                              int defaultWidth, int defaultHeight, int commandQueue) {

    public static final Duration DEFAULT_ORPHAN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);
    /**
     * Three frames: as smooth as eight for jittery block models in {@code bench/run.sh pacing}, but a
     * model faster than its fps cap keeps the queue full, so every extra frame is latency (about 150
     * ms emit→release at 30 fps here against about 315 ms with eight).
     */
    public static final int DEFAULT_QUEUE_DEPTH = 3;
    /** Enough for a burst of UI changes (a slider drag) while the model is busy; a flood waits no longer than this. */
    public static final int DEFAULT_COMMAND_QUEUE = 32;

    public SessionSettings {
        // A zero or NaN cap would make the pacer's interval infinite (frames never released).
        if (!(fpsCap > 0) || Double.isInfinite(fpsCap)) {
            throw new IllegalArgumentException("fps cap must be a positive number, got " + fpsCap);
        }
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queue depth must be at least 1, got " + queueDepth);
        }
        if (orphanTimeout == null || orphanTimeout.isNegative()) {
            throw new IllegalArgumentException("orphan timeout must be zero (off) or positive, got " + orphanTimeout);
        }
        if (stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("stop grace must not be negative, got " + stopGrace);
        }
        if (commandQueue < 1) {
            throw new IllegalArgumentException("command queue must hold at least 1 command, got " + commandQueue);
        }
        if (defaultWidth < 1 || defaultHeight < 1) {
            throw new IllegalArgumentException("default frame size must be at least 1x1, got "
                    + defaultWidth + "x" + defaultHeight);
        }
    }

    /** With the default command queue ({@link #DEFAULT_COMMAND_QUEUE}). */
    public SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                           int defaultWidth, int defaultHeight) {
        this(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, DEFAULT_COMMAND_QUEUE);
    }

    public static SessionSettings defaults() {
        return new SessionSettings(30, DEFAULT_QUEUE_DEPTH, DEFAULT_ORPHAN_TIMEOUT, DEFAULT_STOP_GRACE, 640, 480);
    }

    public SessionSettings withFpsCap(double fps) {
        return new SessionSettings(fps, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, commandQueue);
    }

    public SessionSettings withQueueDepth(int depth) {
        return new SessionSettings(fpsCap, depth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, commandQueue);
    }

    public SessionSettings withOrphanTimeout(Duration timeout) {
        return new SessionSettings(fpsCap, queueDepth, timeout, stopGrace, defaultWidth, defaultHeight, commandQueue);
    }

    public SessionSettings withStopGrace(Duration grace) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, grace, defaultWidth, defaultHeight, commandQueue);
    }

    public SessionSettings withDefaultSize(int width, int height) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, width, height, commandQueue);
    }

    public SessionSettings withCommandQueue(int commands) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, commands);
    }
}
