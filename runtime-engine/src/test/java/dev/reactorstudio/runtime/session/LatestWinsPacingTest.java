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
 * declared video input) and a model can change it. The assertions follow the order of events (what
 * was released while the model emitted, which frame came after which), not wall time; {@code bench/run.sh twoway}
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

    /**
     * Emits frame 1, then (once it is shown) 2..count back to back, far faster than the cap, noting
     * how many frames were released while it did; then, once a second frame is shown, one more
     * (count + 1) so the test can wait for it instead of sleeping; then idles until stopped.
     */
    private void emitBackToBack(int count, AtomicLong releasedDuringEmits, AtomicReference<Pacing> seen, Pacing set) {
        model.script(ctx -> {
            if (set != null) {
                ctx.setPacing(set);
            }
            seen.set(ctx.pacing());
            ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
            // Once frame 1 is out, the rest arrive while the next slot is most of an interval away.
            while (recorder.frameCount() < 1) {
                Thread.sleep(1);
            }
            int before = recorder.frameCount();
            for (int i = 2; i <= count; i++) {
                ctx.emitBlock(Frames.tiny(i), 2, 2, 3);
            }
            releasedDuringEmits.set(recorder.frameCount() - before);
            while (recorder.frameCount() < 2 && !ctx.shouldStop()) {
                Thread.sleep(1);
            }
            ctx.emitBlock(Frames.tiny(count + 1), 2, 2, 3);
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        });
    }

    @Test
    void aModelWithAVideoInputStartsLatestWinsAndANewerFrameReplacesTheWaitingOne() throws Exception {
        // 0.5 fps: a replacement may go half an interval early, so the model has a whole second to
        // emit frames 2..6 before anything else can be released — even on a loaded machine.
        manager(SETTINGS.withFpsCap(0.5).withTracks(WEBCAM_IN));
        AtomicLong releasedDuringEmits = new AtomicLong(-1);
        AtomicReference<Pacing> pacing = new AtomicReference<>();
        emitBackToBack(6, releasedDuringEmits, pacing, null);

        Session session = manager.start();
        // Frame 1 goes at once; 2..5 each replace the one before while it waits for the next slot; 6 is
        // shown; 7, emitted only after that, comes next: no replaced frame turns up late.
        await().atMost(LONG).until(() -> recorder.frameCount() >= 3);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(pacing.get()).isEqualTo(Pacing.LATEST);
        // Nothing held the model: its five emits all returned before the pacer released another frame
        // (a hold returns an emit only as its frame's slot comes).
        assertThat(releasedDuringEmits.get()).as("frames released while the model emitted 2..6").isZero();
        assertThat(shownValues()).containsExactly(1, 6, 7);
        assertThat(manager.stats().framesDropped()).as("frames 2..5, replaced unseen").isEqualTo(4);
        List<Frame> frames = recorder.frames;
        double gapMs = (frames.get(1).releasedNanos() - frames.get(0).releasedNanos()) / 1e6;
        assertThat(gapMs).as("the replacement still waits for the cap's slot (up to half an interval early)").isGreaterThan(900);
    }

    @Test
    void aGenerativeModelStartsSmoothAndQueuesItsFramesInsteadOfDroppingThem() throws Exception {
        manager(SETTINGS.withFpsCap(20));
        AtomicLong releasedDuringEmits = new AtomicLong(-1);
        AtomicReference<Pacing> pacing = new AtomicReference<>();
        emitBackToBack(6, releasedDuringEmits, pacing, null);

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 7);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(pacing.get()).isEqualTo(Pacing.SMOOTH);
        assertThat(shownValues()).containsExactly(1, 2, 3, 4, 5, 6, 7);
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
