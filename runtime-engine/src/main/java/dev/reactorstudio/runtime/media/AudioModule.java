package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one libwebrtc audio device module and every call Java makes into it. Two rules:
 *
 * <ol>
 *   <li>No Java call into the module runs while, or after, it is disposed. The sessions' audio
 *       threads call {@link #stopCapture()} before each push; the engine's
 *       {@link MediaEngine#close()} disposes it. Both take this object's lock.</li>
 *   <li>Java never stops the module's capture while libwebrtc may be starting it. libwebrtc's
 *       worker thread starts capture when an audio sender starts sending (a description applied,
 *       a track attached) and the module's start and stop are not safe against each other (two
 *       threads join one capture thread: a hang or an abort). webrtc-java gives Java no way onto
 *       that thread nor a switch to keep capture off, so every peer operation that can start a
 *       sender takes a {@link Hold} for its duration, and so does every peer from its creation
 *       until its transports first connect (libwebrtc starts the negotiated senders then, on its
 *       own). While a hold is open, and for a short settle time after, {@link #stopCapture()}
 *       leaves the module alone and the audio thread skips its push (10 ms chunks lost while a
 *       viewer joins, never two pushers in one sender).</li>
 * </ol>
 *
 * See docs/media.md ("Native ownership").
 */
final class AudioModule {
    private static final Logger LOG = LoggerFactory.getLogger(AudioModule.class);
    /** After the operation's callback: libwebrtc finishes a sender start on its worker thread within this. */
    static final Duration SETTLE = Duration.ofMillis(100);
    /** A hold whose operation never completed (a wedged peer) stops holding after this, so one peer cannot mute all. */
    static final Duration HOLD_EXPIRY = Duration.ofSeconds(10);

    private final HeadlessAudioDeviceModule module = new HeadlessAudioDeviceModule();
    private final LongSupplier nanoClock;
    private final Set<Hold> holds = new HashSet<>();
    private long quietUntilNanos;
    private long skippedPushes;
    private boolean disposed;

    AudioModule() {
        this(System::nanoTime);
    }

    AudioModule(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.quietUntilNanos = nanoClock.getAsLong();
    }

    /** The module to build the factory with; only the factory and this class may use it. */
    HeadlessAudioDeviceModule forFactory() {
        return module;
    }

    /**
     * Before a push of the model's audio: stops the module's silent capture thread if libwebrtc
     * started it (a cheap no-op when it is stopped). The model's audio goes through a
     * {@code CustomAudioSource} into the same senders, and two threads pushing into one sender abort
     * the JVM.
     *
     * @return true when the caller may push now; false once the module is disposed (the audio has
     *     nowhere to go) or while a sender may be starting (the chunk is skipped)
     */
    synchronized boolean stopCapture() {
        if (disposed) {
            return false;
        }
        if (senderMayBeStarting()) {
            skippedPushes++;
            return false;
        }
        module.stopRecording();
        return true;
    }

    private boolean senderMayBeStarting() {
        long now = nanoClock.getAsLong();
        holds.removeIf(hold -> {
            boolean expired = now - hold.takenNanos > HOLD_EXPIRY.toNanos();
            if (expired) {
                LOG.warn("Audio: a peer operation ({}) did not complete in {} s; the model's audio resumes without it",
                        hold.what, HOLD_EXPIRY.toSeconds());
                quietUntilNanos = Math.max(quietUntilNanos, now + SETTLE.toNanos());
            }
            return expired;
        });
        return !holds.isEmpty() || now - quietUntilNanos < 0;
    }

    /**
     * Marks a peer operation that may start an audio sender (and with it the module's capture) as
     * under way; {@link Hold#close() close} the hold when the operation completed. Waits for a
     * capture stop in progress, so the operation never overlaps one.
     */
    synchronized Hold hold(String what) {
        Hold hold = new Hold(what, nanoClock.getAsLong());
        holds.add(hold);
        return hold;
    }

    private synchronized void release(Hold hold) {
        if (holds.remove(hold)) {
            quietUntilNanos = Math.max(quietUntilNanos, nanoClock.getAsLong() + SETTLE.toNanos());
        }
    }

    /** True while a peer operation that may start a sender is under way or settling. */
    synchronized boolean isFenced() {
        return senderMayBeStarting();
    }

    /** Pushes skipped because a sender may have been starting. */
    synchronized long skippedPushes() {
        return skippedPushes;
    }

    /** Frees the module; later calls here do nothing. Call after the factory that uses it was disposed. */
    synchronized void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        module.dispose();
    }

    synchronized boolean isDisposed() {
        return disposed;
    }

    /** One peer operation under way; closing it twice is harmless. */
    final class Hold implements AutoCloseable {
        private final String what;
        private final long takenNanos;

        private Hold(String what, long takenNanos) {
            this.what = what;
            this.takenNanos = takenNanos;
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
