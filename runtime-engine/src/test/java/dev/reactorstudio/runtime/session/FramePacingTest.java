package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.frame.Frame;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pacing as seen from outside: backpressure, even release, holding the last frame. Timing is
 * asserted loosely (bounds and medians), never to a few percent: these run on loaded machines.
 */
class FramePacingTest {
    private static final Duration LONG = Duration.ofSeconds(15);
    private static final SessionSettings SETTINGS = SessionSettings.defaults()
            .withOrphanTimeout(Duration.ZERO)
            .withStopGrace(Duration.ofSeconds(5))
            .withDefaultSize(40, 30);

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

    private static SessionEvent awaitEnd(Session session) throws Exception {
        return session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<Long> sequencesUpTo(long n) {
        return LongStream.range(0, n).boxed().toList();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void fastModelIsHeldBackByAFullQueueAndDeliveryFollowsTheCap() throws Exception {
        manager(SETTINGS.withFpsCap(30).withQueueDepth(4));
        int blockSize = 2;
        AtomicLong handed = new AtomicLong();
        AtomicLong worstLead = new AtomicLong();
        model.script(ctx -> {
            while (!ctx.shouldStop()) {
                ctx.emitBlock(Frames.tinyBlock(blockSize, 0), blockSize, 2, 2, 3);
                long lead = handed.addAndGet(blockSize) - recorder.frameCount();
                if (!ctx.shouldStop()) { // after a stop, emitted frames are dropped, not queued
                    worstLead.accumulateAndGet(lead, Math::max);
                }
            }
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() > 0);
        int before = recorder.frameCount();
        await().atMost(LONG).until(() -> recorder.frameCount() >= before + 60);
        manager.stop(EndReason.STOPPED);
        awaitEnd(session);

        // The cap at work: 60 releases no faster than 30 fps (each at least an interval after the one
        // before, so load can only slow them), and not starved below a third of it.
        List<Frame> frames = List.copyOf(recorder.frames);
        double fps = 59 / ((frames.get(before + 59).releasedNanos() - frames.get(before).releasedNanos()) / 1e9);
        assertThat(fps).as("release rate of 60 frames").isBetween(10.0, 31.0);
        // The model never ran further ahead than the queue plus the block it was handing over.
        assertThat(worstLead.get()).isLessThanOrEqualTo(4 + blockSize);
        assertThat(manager.stats().framesEmitted()).isLessThanOrEqualTo(
                manager.stats().framesDelivered() + manager.stats().framesDropped());
    }

    @Test
    void slowModelGetsEveryFrameOutPromptlyAndTheLastFrameIsHeld() throws Exception {
        manager(SETTINGS.withFpsCap(30).withQueueDepth(8));
        int count = 20;
        long[] emitCalledAt = new long[count];
        List<Integer> queuedBeforeEmit = new CopyOnWriteArrayList<>();
        CountDownLatch doneEmitting = new CountDownLatch(1);
        model.script(ctx -> {
            for (int i = 0; i < count; i++) {
                Thread.sleep(100);
                queuedBeforeEmit.add(manager.current().orElseThrow().info().queuedFrames());
                emitCalledAt[i] = System.nanoTime();
                ctx.emitBlock(Frames.tiny(i), 2, 2, 3);
            }
            doneEmitting.countDown();
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        });

        Session session = manager.start();
        assertThat(doneEmitting.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(LONG).until(() -> recorder.frameCount() == count);
        // The model pauses: nothing is invented to fill the gap, viewers keep the last frame.
        await().during(Duration.ofMillis(600)).atMost(LONG).until(() -> recorder.frameCount() == count);
        assertThat(manager.latestFrame()).hasValueSatisfying(f -> assertThat(f.sequence()).isEqualTo(count - 1));
        manager.stop(EndReason.STOPPED);
        awaitEnd(session);

        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(count));
        for (Frame frame : recorder.frames) {
            int i = (int) frame.sequence();
            assertThat(frame.rgb()[0]).as("frame %d content", i).isEqualTo((byte) i);
            assertThat(frame.releasedNanos()).as("frame %d released after emitBlock was called", i)
                    .isGreaterThanOrEqualTo(emitCalledAt[i]);
            assertThat(frame.releasedNanos()).isGreaterThanOrEqualTo(frame.emittedNanos());
        }
        long emptyQueueSamples = queuedBeforeEmit.stream().filter(q -> q == 0).count();
        assertThat(emptyQueueSamples).as("queue mostly empty: %s", queuedBeforeEmit)
                .isGreaterThanOrEqualTo(count * 7 / 10);
        assertThat(manager.stats().framesDelivered()).isEqualTo(manager.stats().framesEmitted());
    }

    @Test
    void slowBlocksAreSpreadOutInsteadOfFlashedAtOnce() throws Exception {
        // About 10 fps in blocks of 4: the pacer should space each block's frames ~100 ms apart.
        manager(SETTINGS.withFpsCap(30).withQueueDepth(8));
        int blocks = 6;
        model.script(ctx -> {
            for (int b = 0; b < blocks; b++) {
                Thread.sleep(400);
                ctx.emitBlock(Frames.tinyBlock(4, b * 4), 4, 2, 2, 3);
            }
        });

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);

        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(blocks * 4L));
        List<Long> gapsInsideBlocks = gapsInsideBlocks(recorder.frames, 4);
        assertThat(median(gapsInsideBlocks)).as("gaps in ms: %s", gapsInsideBlocks).isGreaterThan(30);
    }

    @Test
    void burstsOfEightAreReleasedSpreadOut() throws Exception {
        manager(SETTINGS.withFpsCap(60).withQueueDepth(8));
        int blocks = 5;
        model.script(ctx -> {
            for (int b = 0; b < blocks; b++) {
                Thread.sleep(200);
                ctx.emitBlock(Frames.tinyBlock(8, b * 8), 8, 2, 2, 3);
            }
        });

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);

        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(blocks * 8L));
        for (Frame frame : recorder.frames) {
            assertThat(frame.rgb()[0]).isEqualTo((byte) frame.sequence());
        }
        List<Long> gapsInsideBlocks = gapsInsideBlocks(recorder.frames, 8);
        assertThat(median(gapsInsideBlocks)).as("gaps in ms: %s", gapsInsideBlocks).isGreaterThan(5);
    }

    @Test
    void aBlockArrivingLateIsNotCrammedIntoTheOldCadence() throws Exception {
        // Unmeasured, so the pacer plays at the 10 fps cap: a block of 4 lasts 400 ms, and each next
        // block arrives ~50 ms after the cadence expected it. Its frames must still be 100 ms apart.
        manager(SETTINGS.withFpsCap(10).withQueueDepth(8));
        int blocks = 5;
        model.script(ctx -> {
            ctx.disableMonitoring();
            for (int b = 0; b < blocks; b++) {
                ctx.emitBlock(Frames.tinyBlock(4, b * 4), 4, 2, 2, 3);
                Thread.sleep(450);
            }
        });

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);

        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(blocks * 4L));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < recorder.frames.size(); i++) {
            gaps.add(recorder.frames.get(i).releasedNanos() - recorder.frames.get(i - 1).releasedNanos());
        }
        assertThat(Collections.min(gaps)).as("gaps in ns: %s", gaps).isGreaterThanOrEqualTo(95_000_000L);
    }

    /** Release gaps in ms between consecutive frames of the same emitted block. */
    private static List<Long> gapsInsideBlocks(List<Frame> frames, int blockSize) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).sequence() % blockSize != 0) {
                gaps.add(TimeUnit.NANOSECONDS.toMillis(frames.get(i).releasedNanos() - frames.get(i - 1).releasedNanos()));
            }
        }
        return gaps;
    }

    @Test
    void blockLargerThanTheQueueIsAcceptedWhole() throws Exception {
        manager(SETTINGS.withFpsCap(60).withQueueDepth(4));
        AtomicInteger emitsReturned = new AtomicInteger();
        model.script(ctx -> {
            ctx.emitBlock(Frames.tinyBlock(10, 0), 10, 2, 2, 3);
            emitsReturned.incrementAndGet();
            ctx.emitBlock(Frames.tinyBlock(10, 10), 10, 2, 2, 3);
            emitsReturned.incrementAndGet();
        });

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);

        assertThat(emitsReturned).hasValue(2);
        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(20));
        assertThat(manager.stats().framesDropped()).isZero();
    }

    @Test
    void framesDroppedOnStopAreCountedAndNoneIsReleasedAfterTheStop() throws Exception {
        manager(SETTINGS.withFpsCap(5).withQueueDepth(4));
        AtomicLong handed = new AtomicLong();
        model.script(ctx -> {
            while (!ctx.shouldStop()) {
                ctx.emitBlock(Frames.tinyBlock(4, 0), 4, 2, 2, 3);
                handed.addAndGet(4);
            }
            ctx.emitBlock(Frames.tinyBlock(4, 0), 4, 2, 2, 3);
            handed.addAndGet(4);
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 2);
        manager.stop(EndReason.STOPPED);
        long stoppedAt = System.nanoTime();
        awaitEnd(session);

        SessionStats stats = manager.stats();
        assertThat(stats.framesDropped()).isGreaterThanOrEqualTo(4);
        assertThat(stats.framesDelivered()).isEqualTo(recorder.frameCount());
        // Blocked emits abandon the rest of their block; whatever was handed over is either shown or dropped.
        assertThat(stats.framesDelivered() + stats.framesDropped()).isGreaterThanOrEqualTo(handed.get());
        assertThat(recorder.frames).allSatisfy(f -> assertThat(f.releasedNanos()).isLessThan(stoppedAt));
    }

    @Test
    void emitBlockOfNullIsABlackFrameOfTheCurrentSize() throws Exception {
        manager(SETTINGS.withFpsCap(60));
        model.script(ctx -> {
            ctx.emitBlock((BufferedImage[]) null);
            ctx.emitBlock(Frames.filled(16 * 32 * 3, 9), 16, 32, 3);
            ctx.emitBlock((BufferedImage[]) null);
            ctx.emitBlock((BufferedImage) null);
        });

        SessionEvent end = awaitEnd(manager.start());

        assertThat(end.endReason()).isEqualTo(EndReason.COMPLETED);
        List<Frame> frames = recorder.frames;
        assertThat(frames).hasSize(4);
        assertThat(frames.get(0).width()).isEqualTo(40);
        assertThat(frames.get(0).height()).isEqualTo(30);
        assertThat(frames.get(0).rgb()).containsOnly((byte) 0);
        assertThat(frames.get(1).width()).isEqualTo(32);
        assertThat(frames.get(1).rgb()).containsOnly((byte) 9);
        for (Frame black : frames.subList(2, 4)) {
            assertThat(black.width()).isEqualTo(32);
            assertThat(black.height()).isEqualTo(16);
            assertThat(black.rgb()).containsOnly((byte) 0);
        }
    }

    @Test
    void emittedArrayCanBeReusedRightAfterEmitBlockReturns() throws Exception {
        manager(SETTINGS.withFpsCap(60));
        model.script(ctx -> {
            byte[] buffer = new byte[12];
            for (int i = 0; i < 5; i++) {
                java.util.Arrays.fill(buffer, (byte) i);
                ctx.emitBlock(buffer, 2, 2, 3);
            }
        });

        awaitEnd(manager.start());

        assertThat(recorder.frames).extracting(f -> f.rgb()[0])
                .containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
    }

    @Test
    void slowSetupBeforeTheFirstEmitIsNotMeasuredAsSlowGeneration() throws Exception {
        manager(SETTINGS.withFpsCap(30));
        AtomicReference<Double> rateAfterFirstEmit = new AtomicReference<>();
        model.script(ctx -> {
            Thread.sleep(800); // warming up caches, loading a prompt, ...
            ctx.emitBlock(Frames.tiny(0), 2, 2, 3);
            rateAfterFirstEmit.set(manager.current().orElseThrow().info().emitRateFps());
        });

        awaitEnd(manager.start());

        assertThat(rateAfterFirstEmit.get()).isGreaterThan(15.0);
    }

    @Test
    void deliberatePauseWithMonitoringDisabledDoesNotLowerTheRate() throws Exception {
        double[] rates = measureRateAroundAOneSecondPause(true);

        assertThat(rates[1]).as("rate before %.1f, after %.1f", rates[0], rates[1])
                .isGreaterThanOrEqualTo(rates[0] * 0.95);
    }

    @Test
    void pauseWithMonitoringOnIsReadAsSlowness() throws Exception {
        double[] rates = measureRateAroundAOneSecondPause(false);

        assertThat(rates[1]).as("rate before %.1f, after %.1f", rates[0], rates[1])
                .isLessThan(rates[0] * 0.85);
    }

    /** Emits at ~20 fps, pauses a second, emits once more; returns the measured rate before and after. */
    private double[] measureRateAroundAOneSecondPause(boolean disableMonitoring) throws Exception {
        manager(SETTINGS.withFpsCap(30));
        double[] rates = new double[2];
        model.script(ctx -> {
            for (int i = 0; i < 12; i++) {
                Thread.sleep(50);
                ctx.emitBlock(Frames.tiny(i), 2, 2, 3);
            }
            rates[0] = manager.current().orElseThrow().info().emitRateFps();
            if (disableMonitoring) {
                ctx.disableMonitoring();
            }
            Thread.sleep(1000);
            if (disableMonitoring) {
                ctx.enableMonitoring();
            }
            ctx.emitBlock(Frames.tiny(99), 2, 2, 3);
            rates[1] = manager.current().orElseThrow().info().emitRateFps();
        });

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);
        assertThat(rates[0]).isGreaterThan(0);
        return rates;
    }

    @Test
    void throwingFrameSinkDoesNotStopOtherSinks() throws Exception {
        manager(SETTINGS.withFpsCap(60));
        AtomicInteger failures = new AtomicInteger();
        manager.addFrameSink(frame -> {
            failures.incrementAndGet();
            throw new IllegalStateException("encoder on fire");
        });
        Recorder later = new Recorder();
        manager.addFrameSink(later);
        model.script(ctx -> ctx.emitBlock(Frames.tinyBlock(5, 0), 5, 2, 2, 3));

        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);

        assertThat(failures).hasValue(5);
        assertThat(later.sequences()).isEqualTo(sequencesUpTo(5));
        assertThat(recorder.sequences()).isEqualTo(sequencesUpTo(5));
    }

    @Test
    void latestFrameTracksTheLastReleasedFrame() throws Exception {
        manager(SETTINGS.withFpsCap(60));
        assertThat(manager.latestFrame()).isEmpty();
        ConcurrentHashMap<Long, Long> latestSeenBySink = new ConcurrentHashMap<>();
        manager.addFrameSink(frame -> latestSeenBySink.put(frame.sequence(),
                manager.latestFrame().map(Frame::sequence).orElse(-1L)));
        CountDownLatch next = new CountDownLatch(1);
        model.script(ctx -> {
            ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
            next.await(10, TimeUnit.SECONDS);
            ctx.emitBlock(Frames.tiny(2), 2, 2, 3);
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> manager.latestFrame().isPresent());
        assertThat(manager.latestFrame().get().rgb()[0]).isEqualTo((byte) 1);
        next.countDown();
        awaitEnd(session);

        assertThat(manager.latestFrame()).hasValueSatisfying(f -> {
            assertThat(f.sequence()).isEqualTo(1);
            assertThat(f.rgb()[0]).isEqualTo((byte) 2);
            assertThat(f.sessionId()).isEqualTo(session.id());
        });
        assertThat(latestSeenBySink).containsEntry(0L, 0L).containsEntry(1L, 1L);
    }
}
