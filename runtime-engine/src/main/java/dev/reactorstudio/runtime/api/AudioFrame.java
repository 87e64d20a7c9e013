package dev.reactorstudio.runtime.api;

/**
 * A chunk of audio from a client: signed 16-bit PCM at {@value #SAMPLE_RATE} Hz, channels
 * interleaved, usually 10 ms ({@code 480 * channels} samples).
 *
 * @param captureNanos when the first sample was received, on the {@link System#nanoTime()} clock
 */
public record AudioFrame(short[] pcm, int channels, long sequence, long captureNanos) {
    /** Every input (and output) is 48 kHz: what Opus and WebRTC use. */
    public static final int SAMPLE_RATE = 48_000;

    public AudioFrame {
        if (pcm == null || channels < 1 || pcm.length % channels != 0) {
            throw new IllegalArgumentException("audio needs whole frames of " + channels + " channel(s), got "
                    + (pcm == null ? "null" : pcm.length + " samples"));
        }
    }

    /** Samples per channel. */
    public int frames() {
        return pcm.length / channels;
    }

    /** Root mean square of all samples, 0..1 (full-scale square wave = 1). */
    public double rms() {
        double sum = 0;
        for (short s : pcm) {
            double v = s / 32768.0;
            sum += v * v;
        }
        return pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
    }
}
