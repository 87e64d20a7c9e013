package dev.reactorstudio.runtime.media;

import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.InputClaimException;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client track feeding one declared input of a session. The JS SDK publishes without
 * signaling (it swaps the track into a sendonly transceiver), so publication is inferred from
 * media: the first media claims the input (first publisher wins; a refused publisher is told once
 * through {@code onRefused}, and retried every second in case the holder left), and
 * {@value #IDLE_MILLIS} ms without media releases it, which the model sees as
 * {@code isLive() == false}. Media arrives on libwebrtc threads; the idle check runs on the
 * engine's input thread.
 */
abstract class RemoteInput {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteInput.class);
    static final long IDLE_MILLIS = 1_000;
    private static final long RETRY_NANOS = 1_000_000_000L;

    final String name;
    final TrackKind kind;
    final String publisher;
    final SessionInputs inputs;
    private final Consumer<String> onRefused;
    private boolean claimed;
    private boolean refusalReported;
    private long lastMediaNanos;
    private long lastAttemptNanos;
    private volatile boolean closed;

    RemoteInput(String name, TrackKind kind, String publisher, SessionInputs inputs, Consumer<String> onRefused) {
        this.name = name;
        this.kind = kind;
        this.publisher = publisher;
        this.inputs = inputs;
        this.onRefused = onRefused;
    }

    /** Media arrived: true when this publisher holds the input and the media should be offered. */
    final synchronized boolean mediaArrived() {
        if (closed) {
            return false;
        }
        long now = System.nanoTime();
        lastMediaNanos = now;
        if (claimed) {
            return true;
        }
        if (lastAttemptNanos != 0 && now - lastAttemptNanos < RETRY_NANOS) {
            return false;
        }
        lastAttemptNanos = now;
        try {
            inputs.claim(name, kind, publisher);
            claimed = true;
            refusalReported = false;
            LOG.info("Input {} is published by {}", name, publisher);
            return true;
        } catch (InputClaimException e) {
            if (!refusalReported) {
                refusalReported = true;
                LOG.info("Refused {} publishing {}: {}", publisher, name, e.getMessage());
                onRefused.accept(e.getMessage());
            }
            return false;
        }
    }

    /** Releases the input when media stopped (an unpublish, a camera turned off). */
    final synchronized void checkIdle(long now) {
        if (claimed && now - lastMediaNanos > IDLE_MILLIS * 1_000_000) {
            claimed = false;
            inputs.release(name, publisher);
            LOG.info("Input {} from {} stopped (no media for {} ms)", name, publisher, IDLE_MILLIS);
        }
    }

    /** Detaches from the native track (on the peer's executor, before the connection closes) and releases the input. */
    final void close() {
        synchronized (this) {
            closed = true;
            if (claimed) {
                claimed = false;
                inputs.release(name, publisher);
            }
        }
        detach();
    }

    boolean isClosed() {
        return closed;
    }

    /** Removes the native sink from the track. */
    abstract void detach();
}
