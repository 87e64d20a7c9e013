package dev.reactorstudio.studio.preview.media;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the model's sound on the default output through Java Sound (48 kHz 16-bit). The audio
 * thread only offers 10 ms chunks to a short queue (a stalled device drops the oldest instead of
 * holding up the session); the thread {@code studio-speaker}, started with the first chunk, owns
 * the line: opens it, writes, flushes it on mute and closes it after a second of nothing (so the
 * device is free while no model plays) or on {@link #close}. No output device (a CI machine, a
 * container) is not an error: the speaker says so once through {@code note} and plays nothing.
 */
public final class SpeakerOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerOutput.class);
    static final int RATE = 48_000;
    private static final int QUEUED_CHUNKS = 10;

    private record Chunk(short[] pcm, int channels) {}

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Consumer<String> note;
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean unavailable;
    private volatile boolean flush;

    /** @param note receives, once, why nothing is heard (from the speaker's thread) */
    public SpeakerOutput(Consumer<String> note) {
        this.note = note;
    }

    /** Why the default output cannot play 48 kHz 16-bit, or null when it can (asked before anything plays). */
    public static String probe() {
        try {
            for (int channels = 1; channels <= 2; channels++) {
                if (AudioSystem.isLineSupported(new DataLine.Info(SourceDataLine.class, format(channels)))) {
                    return null;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.info("No sound from the Preview: {}", e.toString());
            return NO_DEVICE;
        }
        return NO_DEVICE;
    }

    /** What the Preview says when nothing can be heard; the reason goes to the log. */
    static final String NO_DEVICE = "No audio output device on this machine — level meter only";

    private static AudioFormat format(int channels) {
        return new AudioFormat(RATE, 16, channels, true, false);
    }

    /** A 10 ms chunk to play (audio thread): never blocks. */
    public void play(short[] pcm, int channels) {
        if (unavailable || !running) {
            return;
        }
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this::run, "studio-speaker");
                thread.setDaemon(true);
                thread.start();
            }
        }
        Chunk chunk = new Chunk(pcm, channels);
        while (!queue.offer(chunk)) {
            queue.poll(); // the device fell behind: the newest sound matters
        }
    }

    /** Drops what is queued and what the line still holds (Mute). */
    public void silence() {
        queue.clear();
        flush = true;
    }

    private void run() {
        SourceDataLine line = null;
        int lineChannels = 0;
        byte[] bytes = new byte[0];
        try {
            while (running) {
                Chunk chunk = queue.poll(1, TimeUnit.SECONDS);
                if (flush && line != null) {
                    flush = false;
                    line.flush();
                }
                if (chunk == null) {
                    if (line != null) {
                        line.drain();
                        line.close(); // nothing plays: give the device back
                        line = null;
                    }
                    continue;
                }
                if (line == null || lineChannels != chunk.channels()) {
                    if (line != null) {
                        line.close();
                    }
                    lineChannels = chunk.channels();
                    line = open(lineChannels);
                    if (line == null) {
                        return;
                    }
                }
                if (bytes.length != chunk.pcm().length * 2) {
                    bytes = new byte[chunk.pcm().length * 2];
                }
                for (int i = 0; i < chunk.pcm().length; i++) {
                    short s = chunk.pcm()[i];
                    bytes[2 * i] = (byte) s;
                    bytes[2 * i + 1] = (byte) (s >> 8);
                }
                line.write(bytes, 0, bytes.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (line != null) {
                line.close();
            }
        }
    }

    private SourceDataLine open(int channels) {
        AudioFormat format = format(channels);
        SourceDataLine line = null;
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, RATE / 10 * channels * 2); // 100 ms: rides out a late chunk, stays in step
            line.start();
            return line;
        } catch (LineUnavailableException | RuntimeException | LinkageError e) {
            if (line != null) {
                line.close();
            }
            unavailable = true;
            queue.clear();
            LOG.info("No sound from the Preview: {}", e.toString());
            note.accept(NO_DEVICE);
            return null;
        }
    }

    /** Stops the thread and closes the line (on its thread), waiting up to a second. */
    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
