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
        List<long[]> loud = new CopyOnWriteArrayList<>();
        manager.addFrameSink(frame -> {
            if ((frame.rgb()[0] & 0xff) == 255) {
                flashReleased.compareAndSet(null, frame.releasedNanos());
            }
        });
        manager.addAudioSink((id, pcm, channels, playNanos) -> {
            assertThat(pcm).hasSize(480 * channels);
            int peak = 0;
            for (short s : pcm) {
                peak = Math.max(peak, Math.abs(s));
            }
            if (peak > 10_000) {
                loud.add(new long[] {playNanos});
            }
        });
        Session session = manager.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> flashReleased.get() != null && !loud.isEmpty());
        manager.stop(EndReason.STOPPED);
        session.ended().get(10, TimeUnit.SECONDS);

        double offsetMs = (loud.get(0)[0] - flashReleased.get()) / 1e6;
        assertThat(offsetMs).as("beep onset minus flash release, ms").isBetween(-150.0, 150.0);
        // The beep lasts 1/30 s: about three or four 10 ms chunks, not smeared or repeated.
        assertThat(loud.size()).isBetween(2, 5);
        assertThat(manager.stats().audioFramesPlayed()).isPositive();
    }

    @Test
    void soundEmittedAfterFrameNIsReleasedWithFrameNNotBeforeItAndNotWithTheNextFrame() throws Exception {
        // 5 fps: frames are 200 ms apart, and a model ahead of its cap is held just in time. Without
        // pairing, the hold kept the sound from arriving until the next frame was nearly due
        // (~150 ms after its own frame); paired, it plays when its frame is released.
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
        List<Long> loud = new CopyOnWriteArrayList<>();
        manager.addFrameSink(frame -> releases.add(new long[] {frame.rgb()[0] & 0xff, frame.releasedNanos()}));
        manager.addAudioSink((id, pcm, channels, playNanos) -> {
            if (pcm[0] > 10_000) {
                loud.add(playNanos);
            }
        });
        Session session = manager.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !loud.isEmpty() && releases.size() >= 13);
        manager.stop(EndReason.STOPPED);
        session.ended().get(10, TimeUnit.SECONDS);

        int flash = 0;
        while ((int) releases.get(flash)[0] != 255) {
            flash++;
        }
        long flashReleased = releases.get(flash)[1];
        long nextReleased = releases.get(flash + 1)[1];
        double offsetMs = (loud.get(0) - flashReleased) / 1e6;
        assertThat(offsetMs).as("sound of frame N: onset minus frame N's release, ms").isBetween(0.0, 80.0);
        assertThat(loud.get(0)).as("played before frame N+1 is released").isLessThan(nextReleased);
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
