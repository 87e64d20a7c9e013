package dev.reactorstudio.studio.preview.media;

import java.nio.ShortBuffer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Sound from a file (WAV, FLAC, MP3, Ogg… anything FFmpeg reads), looped, converted by FFmpeg to
 * 16-bit PCM at 48 kHz with at most two channels, and sent in 10 ms chunks at the pace it plays.
 */
final class GrabberAudioPump implements MediaPump {
    static final int RATE = 48_000;
    private static final int CHUNK_FRAMES = RATE / 100;
    private static final long CHUNK_NANOS = 10_000_000;

    private final FFmpegFrameGrabber grabber;
    private final String name;
    private final int channels;
    private final FeedTarget.Clock clock;
    private short[] pending = new short[0];
    private int pendingLength;
    private long startNanos = -1;
    private long chunks;

    private GrabberAudioPump(FFmpegFrameGrabber grabber, String name, int channels, FeedTarget.Clock clock) {
        this.grabber = grabber;
        this.name = name;
        this.channels = channels;
        this.clock = clock;
    }

    static GrabberAudioPump open(InputSource source, FeedTarget.Clock clock) throws SourceException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.location());
        grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
        grabber.setSampleRate(RATE);
        try {
            grabber.start();
            if (grabber.getAudioChannels() <= 0) {
                throw new SourceException(source.shortName() + " has no sound — choose an audio file (WAV, FLAC, MP3, Ogg…)");
            }
            if (grabber.getAudioChannels() > 2) {
                grabber.stop();
                grabber.setAudioChannels(2); // surround is mixed down by FFmpeg
                grabber.start();
            }
        } catch (FrameGrabber.Exception | RuntimeException | LinkageError e) {
            Grabbers.release(grabber);
            throw new SourceException("Cannot play " + source.shortName() + ": " + Grabbers.explain(e), e);
        } catch (SourceException e) {
            Grabbers.release(grabber);
            throw e;
        }
        return new GrabberAudioPump(grabber, source.shortName(), grabber.getAudioChannels(), clock);
    }

    @Override
    public void pump(FeedTarget target) throws Exception {
        int chunk = CHUNK_FRAMES * channels;
        boolean restarted = false;
        while (pendingLength < chunk) {
            Frame frame = grabber.grabSamples();
            if (frame == null) {
                if (restarted) {
                    throw new SourceException(name + " holds no sound");
                }
                Grabbers.rewind(grabber); // the end of the file: play it again
                restarted = true;
                continue;
            }
            if (frame.samples != null && frame.samples[0] instanceof ShortBuffer samples) {
                append(samples.duplicate());
                restarted = false;
            }
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        long due = startNanos + chunks * CHUNK_NANOS;
        if (System.nanoTime() - due > 200_000_000L) {
            startNanos = System.nanoTime() - chunks * CHUNK_NANOS; // descheduled for long: no burst
            due = System.nanoTime();
        }
        if (!clock.waitUntil(due)) {
            return;
        }
        short[] out = new short[chunk];
        System.arraycopy(pending, 0, out, 0, chunk);
        System.arraycopy(pending, chunk, pending, 0, pendingLength - chunk);
        pendingLength -= chunk;
        chunks++;
        target.audio(out, RATE, channels);
    }

    private void append(ShortBuffer samples) {
        int n = samples.remaining();
        if (pendingLength + n > pending.length) {
            short[] grown = new short[Math.max(pending.length * 2, pendingLength + n)];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        samples.get(pending, pendingLength, n);
        pendingLength += n;
    }

    @Override
    public String describe() {
        return name + " · " + (channels == 1 ? "mono" : "stereo") + " · 48 kHz · looped";
    }

    @Override
    public void close() {
        Grabbers.release(grabber);
    }
}
