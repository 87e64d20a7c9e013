package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audio output plays in step with the frames the pacer releases: a flash frame and a beep
 * emitted together leave the session together. The bound here is generous (loaded CI machines);
 * {@code bench/run.sh av} prints the measured offset.
 */
class AudioSyncTest {
    static final DeclaredTracks AUDIO_OUT = new DeclaredTracks(List.of(), List.of(
            new TrackSpec("main_video", TrackKind.VIDEO), new TrackSpec("main_audio", TrackKind.AUDIO)), true);
    private SessionManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Emits a dark frame plus 1/30 s of quiet tone per step, and at step {@code flashAt} a white frame plus a loud beep. */
    static void flashAndBeep(SessionContext ctx, int flashAt, int sampleRate) {
        int samples = sampleRate / 30;
        for (int step = 0; !ctx.shouldStop(); step++) {
            boolean flash = step == flashAt;
            byte[] rgb = new byte[16 * 16 * 3];
            java.util.Arrays.fill(rgb, (byte) (flash ? 255 : 0));
            ctx.emitBlock(rgb, 16, 16, 3);
            short[] pcm = new short[samples];
            for (int i = 0; i < samples; i++) {
                pcm[i] = (short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * (flash ? 20000 : 300));
            }
            ctx.emitAudio(pcm, sampleRate, 1);
        }
    }

    @Test
    void aBeepEmittedWithAFlashFramePlaysWithinTheSyncBoundOfItsRelease() throws Exception {
        ScriptedModel model = new ScriptedModel(ctx -> flashAndBeep(ctx, 45, 16_000));
        manager = new SessionManager(model, Binders.none(), SessionSettings.defaults().withOrphanTimeout(Duration.ZERO)
                .withFpsCap(30).withTracks(AUDIO_OUT));
        AtomicReference<Long> flashReleased = new AtomicReference<>();
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        manager.addFrameSink(frame -> {
            if ((frame.rgb()[0] & 0xff) == 255) {
                flashReleased.compareAndSet(null, frame.releasedNanos());
            }
        });
        manager.addAudioSink((id, pcm, channels, playNanos) -> {
            assertThat(pcm).hasSize(480 * channels);
            chunks.add(new Chunk(peak(pcm) > 10_000, playNanos));
        });
        Session session = manager.start();
        // Stop only once the beep is over (a quiet chunk after a loud one): stopping at its first
        // chunk raced the playout thread for the rest of it.
        await().atMost(Duration.ofSeconds(20)).until(() -> flashReleased.get() != null && quietAfterLoud(chunks));
        long skipped = manager.stats().audioFramesSkipped();
        manager.stop(EndReason.STOPPED);
        session.ended().get(10, TimeUnit.SECONDS);

        List<Chunk> loud = chunks.stream().filter(Chunk::loud).toList();
        double offsetMs = (loud.get(0).playNanos() - flashReleased.get()) / 1e6;
        assertThat(offsetMs).as("beep onset minus flash release, ms").isBetween(-150.0, 150.0);
        // The beep lasts 1/30 s (1,600 samples at 48 kHz): one run of loud chunks, not smeared or
        // repeated; at least two of them unless a descheduled playout thread skipped part of it.
        assertThat(loud).hasSizeBetween(skipped == 0 ? 2 : 1, 5);
        assertThat(chunks.indexOf(loud.get(loud.size() - 1)) - chunks.indexOf(loud.get(0)))
                .as("loud chunks are contiguous").isEqualTo(loud.size() - 1);
        assertThat(manager.stats().audioFramesPlayed()).isPositive();
    }

    record Chunk(boolean loud, long playNanos) {}

    static int peak(short[] pcm) {
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    static boolean quietAfterLoud(List<Chunk> chunks) {
        boolean loudSeen = false;
        for (Chunk c : chunks) {
            if (c.loud()) {
                loudSeen = true;
            } else if (loudSeen) {
                return true;
            }
        }
        return false;
    }

    @Test
    void soundEmittedAfterFrameNIsReleasedWithFrameNNotBeforeItAndNotWithTheNextFrame() throws Exception {
        // 5 fps: frames are 200 ms apart, and a model ahead of its cap is held just in time. Without
        // pairing, the hold kept the sound from arriving until the next frame was nearly due
        // (~150 ms of the previous frame's sound after its own frame); paired, it plays when its
        // frame is released.
        ScriptedModel model = new ScriptedModel(ctx -> {
            int samples = 48_000 / 5;
            for (int step = 0; !ctx.shouldStop(); step++) {
                Thread.sleep(5); // "generation"
                boolean flash = step == 10;
                byte[] rgb = new byte[16 * 16 * 3];
                java.util.Arrays.fill(rgb, (byte) (flash ? 255 : 0));
                ctx.emitBlock(rgb, 16, 16, 3);
                short[] pcm = new short[samples];
                java.util.Arrays.fill(pcm, (short) (flash ? 20000 : 300));
                ctx.emitAudio(pcm, 48_000, 1);
            }
        });
        manager = new SessionManager(model, Binders.none(), SessionSettings.defaults().withOrphanTimeout(Duration.ZERO)
                .withFpsCap(5).withTracks(AUDIO_OUT));
        List<long[]> releases = new CopyOnWriteArrayList<>();
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        manager.addFrameSink(frame -> releases.add(new long[] {frame.rgb()[0] & 0xff, frame.releasedNanos()}));
        manager.addAudioSink((id, pcm, channels, playNanos) -> chunks.add(new Chunk(pcm[0] > 10_000, playNanos)));
        Session session = manager.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> chunks.stream().anyMatch(Chunk::loud) && releases.size() >= 13);
        manager.stop(EndReason.STOPPED);
        session.ended().get(10, TimeUnit.SECONDS);

        int flash = 0;
        while ((int) releases.get(flash)[0] != 255) {
            flash++;
        }
        long flashReleased = releases.get(flash)[1];
        long nextReleased = releases.get(flash + 1)[1];
        Chunk onset = chunks.stream().filter(Chunk::loud).findFirst().orElseThrow();
        // Counted in played 10 ms chunks rather than wall time: a descheduled playout thread plays
        // fewer chunks, never more, so a loaded machine cannot turn a paired stream into a failure.
        long playedBetween = chunks.subList(0, chunks.indexOf(onset)).stream()
                .filter(c -> c.playNanos() >= flashReleased).count();
        assertThat(onset.playNanos()).as("frame N's sound is not played before frame N is released")
                .isGreaterThanOrEqualTo(flashReleased);
        assertThat(playedBetween).as("10 ms chunks of older sound played after frame N's release, before its own")
                .isLessThanOrEqualTo(8);
        assertThat(onset.playNanos()).as("played before frame N+1 is released").isLessThan(nextReleased);
    }

    @Test
    void emitAudioWithoutADeclaredAudioOutputSaysHowToDeclareOne() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ScriptedModel model = new ScriptedModel(ctx -> {
            try {
                ctx.emitAudio(new short[480], 48_000, 1);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        manager = new SessionManager(model, Binders.none(), SessionSettings.defaults().withOrphanTimeout(Duration.ZERO));
        manager.start().ended().get(10, TimeUnit.SECONDS);
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares no audio output")
                .hasMessageContaining("\"tracks\".\"outputs\"");
    }

    @Test
    void badAudioIsRejectedNamingTheProblem() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        ScriptedModel model = new ScriptedModel(ctx -> {
            try {
                ctx.emitAudio(new short[3], 48_000, 2);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        manager = new SessionManager(model, Binders.none(), SessionSettings.defaults().withOrphanTimeout(Duration.ZERO)
                .withTracks(AUDIO_OUT));
        manager.start().ended().get(10, TimeUnit.SECONDS);
        assertThat(thrown.get()).hasMessageContaining("3 samples are not whole frames of 2 channels");
    }
}
