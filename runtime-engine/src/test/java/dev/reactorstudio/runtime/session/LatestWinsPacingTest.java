package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.api.Pacing;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Pacing#LATEST} for input-driven models: a newer frame replaces one still waiting instead
 * of queuing behind it, and the model is never held back; the choice follows the manifest (a
 * declared video input) and a model can change it. The cap here is 1 fps, so "waiting" means most
 * of a second and the assertions do not depend on the machine's speed; {@code bench/run.sh twoway}
 * prints the latency it saves.
 */
class LatestWinsPacingTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final DeclaredTracks WEBCAM_IN = new DeclaredTracks(List.of(new TrackSpec("webcam", TrackKind.VIDEO)),
            List.of(new TrackSpec("main_video", TrackKind.VIDEO)), true);
    private static final SessionSettings SETTINGS = SessionSettings.defaults()
            .withOrphanTimeout(Duration.ZERO)
            .withStopGrace(Duration.ofSeconds(5))
            .withDefaultSize(2, 2)
            .withFpsCap(1);

    private final ScriptedModel model = new ScriptedModel();
    private SessionManager manager;
    private Recorder recorder;

    private void manager(SessionSettings settings) {
        manager = new SessionManager(model, Binders.none(), settings);
        recorder = Recorder.attachTo(manager);
    }

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }

    private List<Integer> shownValues() {
        return recorder.frames.stream().map(f -> (int) f.rgb()[0]).toList();
    }

    /** Emits frame 1, then (once it is shown) 2..count back to back, far faster than the cap; then idles until stopped. */
    private void emitBackToBack(int count, AtomicLong emitNanos, AtomicReference<Pacing> seen, Pacing set) {
        model.script(ctx -> {
            if (set != null) {
                ctx.setPacing(set);
            }
            seen.set(ctx.pacing());
            ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
            // Once frame 1 is out, the rest arrive while the next slot is most of a second away.
            while (recorder.frameCount() < 1) {
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            for (int i = 2; i <= count; i++) {
                ctx.emitBlock(Frames.tiny(i), 2, 2, 3);
            }
            emitNanos.set(System.nanoTime() - start);
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        });
    }

    @Test
    void aModelWithAVideoInputStartsLatestWinsAndANewerFrameReplacesTheWaitingOne() throws Exception {
        manager(SETTINGS.withTracks(WEBCAM_IN));
        AtomicLong emitNanos = new AtomicLong(-1);
        AtomicReference<Pacing> pacing = new AtomicReference<>();
        emitBackToBack(6, emitNanos, pacing, null);

        Session session = manager.start();
        // Frame 1 goes at once; 2..5 each replace the one before while it waits for the next 1 fps slot; 6 is shown.
        await().atMost(LONG).until(() -> recorder.frameCount() >= 2);
        Thread.sleep(1500);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(pacing.get()).isEqualTo(Pacing.LATEST);
        assertThat(shownValues()).containsExactly(1, 6);
        assertThat(manager.stats().framesDropped()).as("frames 2..5, replaced unseen").isEqualTo(4);
        // Nothing held the model: five emits under the 1 fps cap took far less than one interval.
        assertThat(emitNanos.get() / 1e6).as("ms to emit frames 2..6").isLessThan(500);
        List<Frame> frames = recorder.frames;
        double gapMs = (frames.get(1).releasedNanos() - frames.get(0).releasedNanos()) / 1e6;
        assertThat(gapMs).as("the replacement still waits for the cap's slot (up to half an interval early)").isGreaterThan(400);
    }

    @Test
    void aGenerativeModelStartsSmoothAndQueuesItsFramesInsteadOfDroppingThem() throws Exception {
        manager(SETTINGS.withFpsCap(20));
        AtomicLong emitNanos = new AtomicLong(-1);
        AtomicReference<Pacing> pacing = new AtomicReference<>();
        emitBackToBack(6, emitNanos, pacing, null);

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 6);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(pacing.get()).isEqualTo(Pacing.SMOOTH);
        assertThat(shownValues()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(manager.stats().framesDropped()).isZero();
    }

    @Test
    void aModelWithAVideoInputCanChooseSmoothPacingAndItsBlocksPlaySpreadOut() throws Exception {
        manager(SETTINGS.withFpsCap(10).withTracks(WEBCAM_IN));
        AtomicReference<Pacing> pacing = new AtomicReference<>();
        CountDownLatch emitted = new CountDownLatch(1);
        model.script(ctx -> {
            ctx.setPacing(Pacing.SMOOTH);
            pacing.set(ctx.pacing());
            byte[] block = new byte[4 * 12];
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 4; i++) {
                    block[i * 12] = (byte) (b * 4 + i + 1);
                }
                ctx.emitBlock(block, 4, 2, 2, 3);
            }
            emitted.countDown();
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 12);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(pacing.get()).isEqualTo(Pacing.SMOOTH);
        assertThat(shownValues()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<Frame> frames = recorder.frames;
        for (int i = 1; i < frames.size(); i++) {
            double gapMs = (frames.get(i).releasedNanos() - frames.get(i - 1).releasedNanos()) / 1e6;
            assertThat(gapMs).as("gap %d at the 10 fps cap", i).isGreaterThan(90);
        }
    }

    @Test
    void inLatestWinsABlocksOwnFramesStillPlayInOrderOneIntervalApart() throws Exception {
        manager(SETTINGS.withFpsCap(10).withTracks(WEBCAM_IN));
        model.script(ctx -> {
            byte[] block = new byte[4 * 12];
            for (int i = 0; i < 4; i++) {
                block[i * 12] = (byte) (i + 1);
            }
            ctx.emitBlock(block, 4, 2, 2, 3);
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 4);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(shownValues()).containsExactly(1, 2, 3, 4);
        assertThat(manager.stats().framesDropped()).isZero();
        List<Frame> frames = recorder.frames;
        for (int i = 1; i < frames.size(); i++) {
            double gapMs = (frames.get(i).releasedNanos() - frames.get(i - 1).releasedNanos()) / 1e6;
            assertThat(gapMs).as("gap %d: the rest of a block one interval apart", i).isGreaterThan(85);
        }
    }

    @Test
    void setPacingRejectsNullNamingTheChoices() throws Exception {
        manager(SETTINGS);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        model.script(ctx -> {
            try {
                ctx.setPacing(null);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        manager.start().ended().get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertThat(thrown.get()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pacing.SMOOTH or Pacing.LATEST");
    }
}
