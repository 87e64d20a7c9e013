package dev.reactorstudio.studio.preview.media;

import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.runtime.session.InputClaimException;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source feeding one declared input of one session. Owns the thread {@code studio-feed-<track>},
 * which waits for the feed it replaces to end, claims the input as publisher {@value #PUBLISHER}
 * (a browser already publishing it wins, and the row says so), opens the source, pumps until
 * stopped, then closes the source and releases the input — all on that thread, so the source's
 * natives are freed once and never while in use.
 */
final class InputFeed {
    /** The publisher name the studio claims inputs under. */
    public static final String PUBLISHER = "studio";
    private static final Logger LOG = LoggerFactory.getLogger(InputFeed.class);

    private final TrackSpec track;
    private final InputSource source;
    private final SessionInputs inputs;
    private final InputFeed previous;
    private final Consumer<FeedStatus> status;
    private final Thread thread;
    private final FeedTarget target;
    private volatile boolean running = true;

    InputFeed(TrackSpec track, InputSource source, SessionInputs inputs, InputFeed previous, Consumer<FeedStatus> status) {
        this.track = track;
        this.source = source;
        this.inputs = inputs;
        this.previous = previous;
        this.status = status;
        this.target = new FeedTarget(inputs, track.name());
        this.thread = new Thread(this::run, "studio-feed-" + track.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the feed to end; it frees its source on its own thread. Never blocks. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    /** Waits up to {@code millis} for the feed's thread to end; true when it has. */
    boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Pictures or chunks sent so far. */
    long sent() {
        return target.sent();
    }

    private void run() {
        if (previous != null) {
            try {
                previous.join(10_000); // its source is closed and its claim released before ours
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!running) {
            return;
        }
        status.accept(new FeedStatus(FeedStatus.State.STARTING, "Opening " + source.shortName() + "…"));
        boolean claimed = false;
        try {
            inputs.claim(track.name(), track.kind(), PUBLISHER);
            claimed = true;
            try (MediaPump pump = MediaPump.open(source, new FeedTarget.Clock(() -> running))) {
                status.accept(new FeedStatus(FeedStatus.State.PLAYING, "▶ " + pump.describe()));
                while (running) {
                    pump.pump(target);
                }
            }
            status.accept(FeedStatus.idle("Stopped"));
        } catch (InputClaimException | SourceException e) {
            status.accept(FeedStatus.failed(e.getMessage()));
        } catch (Exception | LinkageError e) {
            LOG.warn("Feeding input {} from {} failed", track.name(), source, e);
            status.accept(FeedStatus.failed(source.kind().label() + " stopped: " + e));
        } finally {
            if (claimed) {
                inputs.release(track.name(), PUBLISHER);
            }
        }
    }
}
