package dev.reactorstudio.runtime.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts interleaved 16-bit PCM of one stream to 48 kHz by linear interpolation, carrying the
 * fractional position and the last input frame across calls, so a stream resampled in chunks has no
 * clicks at chunk borders. Good enough for voice and tones; a model that cares about fidelity emits
 * 48 kHz itself (then nothing is resampled). Not thread-safe: one per stream.
 */
final class PcmResampler {
    static final int TARGET_RATE = 48_000;

    private final int sourceRate;
    private final int channels;
    private final double step;
    /** Position of the next output sample, in input frames, relative to the start of the next input chunk (may be negative: between the previous chunk's last frame and this one's first). */
    private double position;
    private final short[] previous;
    private boolean havePrevious;

    PcmResampler(int sourceRate, int channels) {
        if (sourceRate < 8_000 || sourceRate > 192_000) {
            throw new IllegalArgumentException("sample rate " + sourceRate + " Hz is outside 8000..192000");
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        this.sourceRate = sourceRate;
        this.channels = channels;
        this.step = sourceRate / (double) TARGET_RATE;
        this.previous = new short[channels];
    }

    int sourceRate() {
        return sourceRate;
    }

    int channels() {
        return channels;
    }

    /** The next stretch of the stream at 48 kHz (same channel count). */
    short[] resample(short[] input) {
        if (input.length % channels != 0) {
            throw new IllegalArgumentException(input.length + " samples are not whole frames of " + channels + " channel(s)");
        }
        if (sourceRate == TARGET_RATE) {
            return input.clone();
        }
        int frames = input.length / channels;
        if (frames == 0) {
            return new short[0];
        }
        double start = havePrevious ? position : Math.max(0, position);
        // Output frames whose position lies before the last input frame of this chunk.
        int count = (int) Math.max(0, Math.floor((frames - 1 - start) / step) + 1);
        short[] out = new short[count * channels];
        double p = start;
        for (int i = 0; i < count; i++, p += step) {
            int left = (int) Math.floor(p);
            double frac = p - left;
            for (int c = 0; c < channels; c++) {
                double a = left < 0 ? previous[c] : input[left * channels + c];
                double b = input[(left + 1 < frames ? left + 1 : left) * channels + c];
                out[i * channels + c] = (short) Math.round(a + (b - a) * frac);
            }
        }
        position = p - frames;
        for (int c = 0; c < channels; c++) {
            previous[c] = input[(frames - 1) * channels + c];
        }
        havePrevious = true;
        return out;
    }

    /** Float samples in -1..1 (clipped) as 16-bit. */
    static short[] toShorts(float[] samples) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            float v = Math.max(-1f, Math.min(1f, samples[i]));
            out[i] = (short) Math.round(v * 32767f);
        }
        return out;
    }

    /** One resampler per named stream, replaced when the stream's rate or channel count changes. */
    static final class Cache {
        private final Map<String, PcmResampler> byName = new HashMap<>();

        synchronized PcmResampler get(String name, int rate, int channels) {
            PcmResampler current = byName.get(name);
            if (current == null || current.sourceRate != rate || current.channels != channels) {
                current = new PcmResampler(rate, channels);
                byName.put(name, current);
            }
            return current;
        }

        synchronized void forget(String name) {
            byName.remove(name);
        }
    }
}
