package dev.reactorstudio.runtime.session;

/**
 * Receives the model's audio as it is played: 10 ms of 48 kHz 16-bit PCM per call
 * ({@code 480 * channels} samples, interleaved), on the session's audio thread, in step with the
 * video frames the pacer releases. Return quickly; the array is the sink's to keep.
 */
@FunctionalInterface
public interface AudioSink {
    /** @param playNanos {@link System#nanoTime()} at which this chunk plays (now, give or take a tick) */
    void onAudio(String sessionId, short[] pcm, int channels, long playNanos);
}
