package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.frame.Frame;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Plays a session's audio output in step with its video. The model emits sound right after the
 * frames it belongs to; each emitted stretch is anchored to the start of the last
 * {@code emitBlock} before it, and may play once the pacer released a frame emitted at or after
 * that anchor — so audio waits in the same queue delay as its video. Once due, it plays
 * contiguously; if playback falls more than {@value #MAX_LATE_MILLIS} ms behind (the model made
 * more sound than time passed, or this thread was descheduled) the backlog is skipped, so the
 * offset to the video stays bounded. A stretch whose frame was released before the sound arrived
 * plays at once. Between stretches (up to a second) silence keeps the encoder's stream continuous.
 *
 * <p>Owns the thread {@code reactor-audio-<session>}: 10 ms ticks, one {@link AudioSink} call each.
 */
final class AudioPlayout {
    static final int RATE = PcmResampler.TARGET_RATE;
    static final int CHUNK_FRAMES = RATE / 100;
    private static final long TICK_NANOS = 10_000_000;
    static final long MAX_LATE_MILLIS = 60;
    private static final long MAX_BUFFER_FRAMES = 2L * RATE;
    private static final long SILENCE_AFTER_NANOS = 1_000_000_000L;
    private static final int RELEASES_KEPT = 256;

    /** Emitted sound, 48 kHz, in the output's channel count. */
    private static final class Stretch {
        final short[] pcm;
        final long anchorNanos;
        final long arrivedNanos;
        int offset;
        long dueNanos = -1;

        Stretch(short[] pcm, long anchorNanos, long arrivedNanos) {
            this.pcm = pcm;
            this.anchorNanos = anchorNanos;
            this.arrivedNanos = arrivedNanos;
        }
    }

    private final String sessionId;
    private final Consumer<short[]> out;
    private final SessionStats stats;
    private final Thread thread;
    private final PcmResampler.Cache resamplers = new PcmResampler.Cache();
    private final ArrayDeque<Stretch> queue = new ArrayDeque<>();
    /** (emittedNanos, releasedNanos) of recently released frames, oldest first. */
    private final long[][] releases = new long[RELEASES_KEPT][2];
    private int releaseCount;
    private int releaseHead;
    private long bufferedFrames;
    private long lastSoundNanos;
    private int channels;
    private volatile boolean running = true;

    AudioPlayout(String sessionId, SessionStats stats, Consumer<short[]> out) {
        this.sessionId = sessionId;
        this.stats = stats;
        this.out = out;
        this.thread = new Thread(this::run, "reactor-audio-" + sessionId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The output's channel count (that of the first emission; later ones are mixed to it), 1 before any. */
    synchronized int channels() {
        return channels == 0 ? 1 : channels;
    }

    /** Queues sound the model emitted after the {@code emitBlock} that started at {@code anchorNanos} (0: none yet). */
    void emit(short[] pcm, int sampleRate, int channelCount, long anchorNanos) {
        if (channelCount < 1 || channelCount > 2) {
            throw new IllegalArgumentException("emitAudio: channels must be 1 or 2, got " + channelCount);
        }
        if (pcm.length % channelCount != 0) {
            throw new IllegalArgumentException("emitAudio: " + pcm.length + " samples are not whole frames of "
                    + channelCount + " channels");
        }
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("emitAudio: sample rate " + sampleRate + " Hz is outside 8000..192000");
        }
        short[] at48k = sampleRate == RATE ? pcm.clone() : resamplers.get("out", sampleRate, channelCount).resample(pcm);
        synchronized (this) {
            if (channels == 0) {
                channels = channelCount;
            }
            short[] mixed = remix(at48k, channelCount, channels);
            queue.addLast(new Stretch(mixed, anchorNanos, System.nanoTime()));
            bufferedFrames += mixed.length / channels;
            while (bufferedFrames > MAX_BUFFER_FRAMES && queue.size() > 1) {
                Stretch dropped = queue.pollFirst();
                int frames = (dropped.pcm.length / channels) - dropped.offset;
                bufferedFrames -= frames;
                stats.audioFramesSkipped.add(frames);
            }
        }
        stats.audioFramesEmitted.add(at48k.length / channelCount);
    }

    private static short[] remix(short[] pcm, int from, int to) {
        if (from == to) {
            return pcm;
        }
        if (to == 1) {
            short[] mono = new short[pcm.length / 2];
            for (int i = 0; i < mono.length; i++) {
                mono[i] = (short) ((pcm[2 * i] + pcm[2 * i + 1]) / 2);
            }
            return mono;
        }
        short[] stereo = new short[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            stereo[2 * i] = pcm[i];
            stereo[2 * i + 1] = pcm[i];
        }
        return stereo;
    }

    /** A video frame left the pacer (pacer thread). */
    synchronized void videoReleased(Frame frame) {
        long[] slot = releases[(releaseHead + releaseCount) % RELEASES_KEPT];
        slot[0] = frame.emittedNanos();
        slot[1] = frame.releasedNanos();
        if (releaseCount < RELEASES_KEPT) {
            releaseCount++;
        } else {
            releaseHead = (releaseHead + 1) % RELEASES_KEPT;
        }
    }

    /** When the first frame emitted at or after {@code anchor} was released, or -1 if none yet. */
    private long releaseOf(long anchor) {
        for (int i = 0; i < releaseCount; i++) {
            long[] r = releases[(releaseHead + i) % RELEASES_KEPT];
            if (r[0] >= anchor) {
                return r[1];
            }
        }
        return -1;
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            if (now - next > 5 * TICK_NANOS) {
                next = now; // descheduled for long: restart the cadence instead of bursting
            }
            while (running && (now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
            if (!running) {
                return;
            }
            short[] chunk = nextChunk(next);
            if (chunk != null) {
                out.accept(chunk);
            }
            next += TICK_NANOS;
        }
    }

    /** 10 ms to play at {@code tick}, or null when there is nothing to play and no stream to keep going. */
    private synchronized short[] nextChunk(long tick) {
        int ch = channels();
        short[] chunk = new short[CHUNK_FRAMES * ch];
        int filled = 0;
        boolean sound = false;
        while (filled < CHUNK_FRAMES) {
            Stretch head = queue.peekFirst();
            if (head == null) {
                break;
            }
            if (head.dueNanos < 0) {
                long released = head.anchorNanos == 0 ? head.arrivedNanos : releaseOf(head.anchorNanos);
                if (released < 0) {
                    break; // its video is still queued
                }
                head.dueNanos = Math.max(released, head.arrivedNanos);
            }
            long due = head.dueNanos + head.offset * 1_000_000_000L / RATE;
            long position = tick + filled * 1_000_000_000L / RATE;
            long late = position - due;
            int available = head.pcm.length / ch - head.offset;
            if (late > MAX_LATE_MILLIS * 1_000_000) {
                int skip = (int) Math.min(available, (late - 20_000_000L) * RATE / 1_000_000_000L);
                skip = Math.max(skip, 1);
                head.offset += skip;
                bufferedFrames -= skip;
                stats.audioFramesSkipped.add(skip);
            } else if (due - position > TICK_NANOS) {
                break; // due later than this chunk
            } else {
                int n = Math.min(available, CHUNK_FRAMES - filled);
                System.arraycopy(head.pcm, head.offset * ch, chunk, filled * ch, n * ch);
                head.offset += n;
                filled += n;
                bufferedFrames -= n;
                sound = true;
            }
            if (head.offset * ch >= head.pcm.length) {
                queue.pollFirst();
            }
        }
        if (sound) {
            lastSoundNanos = tick;
            stats.audioFramesPlayed.add(filled);
            return chunk;
        }
        return lastSoundNanos != 0 && tick - lastSoundNanos < SILENCE_AFTER_NANOS ? chunk : null;
    }

    String sessionId() {
        return sessionId;
    }
}
