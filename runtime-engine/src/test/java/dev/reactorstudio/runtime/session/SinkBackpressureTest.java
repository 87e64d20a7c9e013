package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.frame.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backpressure from a frame sink ({@link SessionManager#limitFrameRate}, what the media engine
 * does when libwebrtc's encoder cannot take every frame): a model faster than the limit is held,
 * so it generates no more than the sink takes; the limit lapses unless renewed (no viewer, no
 * hold); and commands still reach the next generated frame. Bounds are generous: a loaded machine
 * only makes the model slower, which these asserts allow.
 */
class SinkBackpressureTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final SessionSettings SETTINGS = SessionSettings.defaults()
            .withOrphanTimeout(Duration.ZERO)
            .withStopGrace(Duration.ofSeconds(5))
            .withDefaultSize(2, 2)
            .withFpsCap(200);

    private final ScriptedModel model = new ScriptedModel();
    private volatile int shown;
    private SessionManager manager;
    private Recorder recorder;

    private void manager() {
        manager = new SessionManager(model, Binders.of(Map.of(
                "show", args -> () -> {
                    shown = Binders.intArg(args, "show");
                    return null;
                })), SETTINGS);
        recorder = Recorder.attachTo(manager);
        // 1 ms of "generation" per frame: hundreds of frames a second when nothing holds it.
        model.script(ctx -> {
            while (!ctx.shouldStop()) {
                int value = shown;
                Thread.sleep(1);
                byte[] rgb = new byte[12];
                rgb[0] = (byte) value;
                ctx.emitBlock(rgb, 2, 2, 3);
            }
        });
    }

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Frames the model generated during {@code millis}. */
    private long generatedDuring(long millis) throws InterruptedException {
        long before = manager.stats().framesEmitted();
        Thread.sleep(millis);
        return manager.stats().framesEmitted() - before;
    }

    @Test
    void aModelFasterThanTheSinkGeneratesOnlyWhatTheSinkTakes() throws Exception {
        manager();
        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 20);
        long free = generatedDuring(1000);

        manager.limitFrameRate(session.id(), 10, Duration.ofMinutes(1));
        assertThat(manager.frameRateLimit()).isEqualTo(10.0, org.assertj.core.api.Assertions.within(0.01));
        Thread.sleep(300); // frames generated before the limit drain
        long emitted0 = manager.stats().framesEmitted();
        long released0 = manager.stats().framesDelivered();
        Thread.sleep(2000);
        long generated = manager.stats().framesEmitted() - emitted0;
        long released = manager.stats().framesDelivered() - released0;
        long dropped = manager.stats().framesDropped(); // before the stop, which drops what is still queued
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        // Held: about 20 in 2 s, and nowhere near the free-running rate.
        assertThat(free).as("free-running, frames in 1 s").isGreaterThan(60);
        assertThat(generated).as("generated in 2 s at a 10 fps limit").isBetween(5L, 30L);
        // Nothing generated for nothing: the model is at most a few frames ahead of what the sink got.
        assertThat(generated - released).as("generated %d, released %d", generated, released).isLessThanOrEqualTo(4);
        assertThat(dropped).isZero();
    }

    @Test
    void aLimitThatIsNotRenewedLapsesSoAModelWithoutViewersRunsFree() throws Exception {
        manager();
        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 20);
        manager.limitFrameRate(session.id(), 5, Duration.ofMillis(300));
        await().atMost(LONG).until(() -> manager.frameRateLimit() == 0);
        Thread.sleep(300);
        assertThat(generatedDuring(1000)).as("frames in 1 s once the limit lapsed (it was 5 fps)").isGreaterThan(30);

        // A limit for another session (one that ended) holds nobody.
        manager.limitFrameRate("some-other-session", 5, Duration.ofMinutes(1));
        assertThat(manager.frameRateLimit()).isZero();
        assertThat(generatedDuring(1000)).isGreaterThan(30);
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aCommandStillReachesTheNextGeneratedFrameWhileTheModelIsHeld() throws Exception {
        manager();
        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() >= 20);
        manager.limitFrameRate(session.id(), 5, Duration.ofMinutes(1));
        Thread.sleep(500);
        for (int value = 1; value <= 3; value++) {
            manager.command("show", JsonNodeFactory.instance.objectNode().put("value", value)).get(10, TimeUnit.SECONDS);
            int count = recorder.frameCount();
            int expected = value;
            await().atMost(LONG).until(() -> recorder.frames.get(recorder.frameCount() - 1).rgb()[0] == expected);
            List<Frame> after = recorder.frames.subList(count, recorder.frameCount());
            // Held just in time, at most three frames predate the command (one waiting for its tick, one
            // queued, one being generated): the fourth frame released after it shows the command.
            assertThat(after.stream().filter(f -> f.rgb()[0] != expected).count())
                    .as("frames still showing the old value after command %d", value).isLessThanOrEqualTo(3);
        }
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);
    }
}
