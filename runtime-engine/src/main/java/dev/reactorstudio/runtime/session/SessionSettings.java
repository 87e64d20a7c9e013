package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
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
 * @param justInTime    hold a model that is ahead of its cap before it computes rather than with
 *                      finished frames queued (the default; off only to compare in benchmarks)
 * @param tracks        the manifest's declared inputs and outputs
 * @param commandQueue  commands the session holds for a busy model; one more is refused
 *                      ({@code reactor run --max-queued-commands})
 */
public record SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                              int defaultWidth, int defaultHeight, boolean justInTime, DeclaredTracks tracks,
                              int commandQueue) {

    public static final Duration DEFAULT_ORPHAN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);
    /**
     * Three frames: the hard bound of the pacer's queue. Just-in-time generation keeps a model that
     * is faster than its cap well below it (its latency no longer grows with the depth); for
     * jittery block models {@code bench/run.sh pacing} prints how smooth 3 and 8 play.
     */
    public static final int DEFAULT_QUEUE_DEPTH = 3;
    /** Commands a session queues for the model at most: a burst of UI changes fits, a flood is refused. */
    public static final int DEFAULT_COMMAND_QUEUE = Limits.DEFAULT_QUEUED_COMMANDS;

    public SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                           int defaultWidth, int defaultHeight) {
        this(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, true, null, DEFAULT_COMMAND_QUEUE);
    }

    public SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                           int defaultWidth, int defaultHeight, boolean justInTime) {
        this(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime, null,
                DEFAULT_COMMAND_QUEUE);
    }

    public SessionSettings(double fpsCap, int queueDepth, Duration orphanTimeout, Duration stopGrace,
                           int defaultWidth, int defaultHeight, boolean justInTime, DeclaredTracks tracks) {
        this(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime, tracks,
                DEFAULT_COMMAND_QUEUE);
    }

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
        if (defaultWidth < 1 || defaultHeight < 1) {
            throw new IllegalArgumentException("default frame size must be at least 1x1, got "
                    + defaultWidth + "x" + defaultHeight);
        }
        if (commandQueue < 1) {
            throw new IllegalArgumentException("command queue (--max-queued-commands) must be at least 1, got "
                    + commandQueue);
        }
        tracks = tracks == null ? DeclaredTracks.DEFAULT : tracks;
    }

    public static SessionSettings defaults() {
        return new SessionSettings(30, DEFAULT_QUEUE_DEPTH, DEFAULT_ORPHAN_TIMEOUT, DEFAULT_STOP_GRACE, 640, 480);
    }

    public SessionSettings withFpsCap(double fps) {
        return new SessionSettings(fps, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime, tracks, commandQueue);
    }

    public SessionSettings withQueueDepth(int depth) {
        return new SessionSettings(fpsCap, depth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime, tracks, commandQueue);
    }

    public SessionSettings withOrphanTimeout(Duration timeout) {
        return new SessionSettings(fpsCap, queueDepth, timeout, stopGrace, defaultWidth, defaultHeight, justInTime, tracks, commandQueue);
    }

    public SessionSettings withStopGrace(Duration grace) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, grace, defaultWidth, defaultHeight, justInTime, tracks, commandQueue);
    }

    public SessionSettings withJustInTime(boolean on) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, on, tracks, commandQueue);
    }

    public SessionSettings withTracks(DeclaredTracks declared) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime, declared, commandQueue);
    }

    public SessionSettings withDefaultSize(int width, int height) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, width, height, justInTime, tracks, commandQueue);
    }

    public SessionSettings withCommandQueue(int commands) {
        return new SessionSettings(fpsCap, queueDepth, orphanTimeout, stopGrace, defaultWidth, defaultHeight, justInTime,
                tracks, commands);
    }
}
