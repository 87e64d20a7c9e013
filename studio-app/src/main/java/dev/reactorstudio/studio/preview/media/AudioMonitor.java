package dev.reactorstudio.studio.preview.media;

import dev.reactorstudio.runtime.session.AudioSink;

/**
 * The Preview's tap on the model's audio output (an engine {@link AudioSink}, called on the
 * session's audio thread every 10 ms): keeps the level since the meter last read it and hands the
 * sound to the speaker unless muted. The meter shows what the model plays whether muted or not.
 */
public final class AudioMonitor implements AudioSink {
    private final SpeakerOutput speaker;
    private volatile boolean muted;
    private double squares;
    private long samples;
    private int peak;
    private long chunks;
    private long forwarded;

    public AudioMonitor(SpeakerOutput speaker) {
        this.speaker = speaker;
    }

    @Override
    public void onAudio(String sessionId, short[] pcm, int channels, long playNanos) {
        double sum = 0;
        int max = 0;
        for (short s : pcm) {
            sum += (double) s * s;
            max = Math.max(max, Math.abs((int) s));
        }
        boolean play = !muted;
        synchronized (this) {
            squares += sum;
            samples += pcm.length;
            peak = Math.max(peak, max);
            chunks++;
            if (play) {
                forwarded++;
            }
        }
        if (play) {
            speaker.play(pcm, channels);
        }
    }

    /** The level since the last call (RMS over the stretch, its highest peak); silence when nothing came. */
    public synchronized AudioLevel take() {
        AudioLevel level = samples == 0 ? AudioLevel.SILENCE
                : new AudioLevel(Math.sqrt(squares / samples) / 32768.0, peak / 32768.0);
        squares = 0;
        samples = 0;
        peak = 0;
        return level;
    }

    /** Mutes or unmutes the speaker at once (what is queued for it is dropped). */
    public void setMuted(boolean mute) {
        muted = mute;
        if (mute) {
            speaker.silence();
        }
    }

    public boolean muted() {
        return muted;
    }

    /** 10 ms chunks received from the model so far. */
    public synchronized long chunks() {
        return chunks;
    }

    /** 10 ms chunks handed to the speaker so far (none while muted). */
    public synchronized long forwarded() {
        return forwarded;
    }
}
