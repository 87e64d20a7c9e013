package dev.reactorstudio.studio.preview.media;

import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Where a pump sends: one declared input of the running session, as publisher {@value InputFeed#PUBLISHER}. */
final class FeedTarget {
    private final SessionInputs inputs;
    private final String track;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    FeedTarget(SessionInputs inputs, String track) {
        this.inputs = inputs;
        this.track = track;
    }

    /** Packed RGB, {@code height*width*3}, handed over (the pump never touches it again). */
    void video(byte[] rgb, int width, int height) {
        inputs.offerVideo(track, InputFeed.PUBLISHER, rgb, width, height, System.nanoTime());
        sent.incrementAndGet();
    }

    /** 16-bit PCM, interleaved, at any rate (the engine resamples to 48 kHz). */
    void audio(short[] pcm, int sampleRate, int channels) {
        inputs.offerAudio(track, InputFeed.PUBLISHER, pcm, sampleRate, channels, System.nanoTime());
        sent.incrementAndGet();
    }

    /** Pictures or chunks sent so far. */
    long sent() {
        return sent.get();
    }

    /**
     * Waits for media to be due, on the feed's thread; wakes early when the feed stops (the feed
     * unparks its thread) so a stop never waits out a frame time.
     */
    static final class Clock {
        private final BooleanSupplier running;

        Clock(BooleanSupplier running) {
            this.running = running;
        }

        /** Parks until {@link System#nanoTime()} reaches {@code deadline}; false when the feed stopped meanwhile. */
        boolean waitUntil(long deadline) {
            long now;
            while (running.getAsBoolean() && (now = System.nanoTime()) < deadline) {
                LockSupport.parkNanos(deadline - now);
            }
            return running.getAsBoolean();
        }

        boolean running() {
            return running.getAsBoolean();
        }
    }
}
