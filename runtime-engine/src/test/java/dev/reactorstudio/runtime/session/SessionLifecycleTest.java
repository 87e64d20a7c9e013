package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reactorstudio.runtime.api.Reactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final SessionSettings SETTINGS = SessionSettings.defaults()
            .withOrphanTimeout(Duration.ZERO)
            .withStopGrace(Duration.ofSeconds(5))
            .withDefaultSize(8, 6);

    private final ScriptedModel model = new ScriptedModel();
    private final CountDownLatch releaseStuckModel = new CountDownLatch(1);
    private SessionManager manager;
    private Recorder recorder;

    private SessionManager manager(SessionSettings settings) {
        manager = new SessionManager(model, Binders.of(Map.of(
                "session_id", args -> () -> Reactor.ctx().sessionId())), settings);
        recorder = Recorder.attachTo(manager);
        return manager;
    }

    @AfterEach
    void tearDown() {
        releaseStuckModel.countDown();
        if (manager != null) {
            manager.close();
            manager.current().ifPresent(s -> await().atMost(LONG).until(() -> s.state() == SessionState.ENDED));
        }
    }

    private static SessionEvent awaitEnd(Session session) throws Exception {
        return session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void sessionCompletesWhenStartSessionReturnsAndPlaysOutQueuedFrames() throws Exception {
        manager(SETTINGS.withFpsCap(20).withQueueDepth(10));
        model.script(ctx -> ctx.emitBlock(Frames.tinyBlock(10, 0), 10, 2, 2, 3));

        Session session = manager.start();
        SessionEvent end = awaitEnd(session);

        assertThat(end.type()).isEqualTo(SessionEvent.Type.ENDED);
        assertThat(end.endReason()).isEqualTo(EndReason.COMPLETED);
        assertThat(end.errorMessage()).isEmpty();
        assertThat(recorder.eventTypes(session.id()))
                .containsExactly(SessionEvent.Type.STARTED, SessionEvent.Type.ENDED);
        // Every queued frame reached the sinks before the session was reported ended.
        assertThat(recorder.framesAtEvent.get(recorder.events.size() - 1)).isEqualTo(10);
        assertThat(recorder.sequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(session.state()).isEqualTo(SessionState.ENDED);
        assertThat(manager.current()).isEmpty();
        assertThat(manager.stats().sessionsEnded()).containsEntry(EndReason.COMPLETED, 1L);
    }

    @Test
    void stopMakesShouldStopTrueAndTheSessionEndsStopped() throws Exception {
        manager(SETTINGS);
        AtomicBoolean sawStop = new AtomicBoolean();
        AtomicBoolean cleanedUp = new AtomicBoolean();
        model.script(ctx -> {
            try {
                while (!ctx.shouldStop()) {
                    ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
                    Thread.sleep(5);
                }
                sawStop.set(true);
            } finally {
                cleanedUp.set(true);
            }
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() > 0);
        assertThat(manager.stop(EndReason.STOPPED)).isTrue();
        SessionEvent end = awaitEnd(session);

        assertThat(end.endReason()).isEqualTo(EndReason.STOPPED);
        assertThat(sawStop).isTrue();
        assertThat(cleanedUp).isTrue();
        assertThat(recorder.eventTypes(session.id())).containsExactly(
                SessionEvent.Type.STARTED, SessionEvent.Type.STOP_REQUESTED, SessionEvent.Type.ENDED);
        assertThat(manager.stop(EndReason.STOPPED)).as("nothing left to stop").isFalse();
    }

    @Test
    void sessionEndsWithErrorWhenModelThrowsAndTheNextSessionWorks() throws Exception {
        manager(SETTINGS);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        model.script(ctx -> {
            try {
                ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
                throw new IllegalStateException("diffusion exploded");
            } finally {
                cleanedUp.set(true);
            }
        });

        SessionEvent end = awaitEnd(manager.start());

        assertThat(end.endReason()).isEqualTo(EndReason.ERROR);
        assertThat(end.errorMessage()).hasValueSatisfying(
                m -> assertThat(m).contains("IllegalStateException").contains("diffusion exploded"));
        assertThat(cleanedUp).isTrue();
        assertThat(manager.health().healthy()).isTrue();

        model.script(ctx -> ctx.emitBlock(Frames.tiny(2), 2, 2, 3));
        SessionEvent second = awaitEnd(manager.start());
        assertThat(second.endReason()).isEqualTo(EndReason.COMPLETED);
        assertThat(manager.stats().sessionsEnded())
                .containsEntry(EndReason.ERROR, 1L).containsEntry(EndReason.COMPLETED, 1L);
    }

    @Test
    void reactorCtxWorksOnlyInsideASession() throws Exception {
        manager(SETTINGS);
        assertThatThrownBy(Reactor::ctx)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a session");

        AtomicReference<String> idInStartSession = new AtomicReference<>();
        CountDownLatch commandDone = new CountDownLatch(1);
        model.script(ctx -> {
            idInStartSession.set(Reactor.ctx().sessionId());
            commandDone.await(10, TimeUnit.SECONDS);
        });

        Session session = manager.start();
        Object idInCommand = manager.command("session_id", null).get(10, TimeUnit.SECONDS);
        commandDone.countDown();
        awaitEnd(session);

        assertThat(idInStartSession).hasValue(session.id());
        assertThat(idInCommand).isEqualTo(session.id());
        assertThatThrownBy(Reactor::ctx).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void modelIgnoringStopMakesHealthUnhealthyAndBlocksNewSessionsUntilItReturns() throws Exception {
        manager(SETTINGS.withStopGrace(Duration.ofMillis(200)));
        model.script(ctx -> {
            ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
            releaseStuckModel.await(); // deliberately never looks at shouldStop()
        });

        Session stuck = manager.start();
        manager.stop(EndReason.STOPPED);

        await().atMost(LONG).until(() -> !manager.health().healthy());
        assertThat(manager.health().state()).isEqualTo("stuck");
        assertThat(manager.health().detail()).contains("shouldStop").contains(stuck.id());
        assertThatThrownBy(manager::start)
                .isInstanceOf(SessionBusyException.class)
                .hasMessageContaining("shouldStop")
                .satisfies(e -> assertThat(((SessionBusyException) e).activeSessionId()).isEqualTo(stuck.id()));

        releaseStuckModel.countDown();
        assertThat(awaitEnd(stuck).endReason()).isEqualTo(EndReason.STOPPED);
        await().atMost(LONG).until(() -> manager.health().healthy());

        model.script(ctx -> ctx.emitBlock(Frames.tiny(2), 2, 2, 3));
        assertThat(awaitEnd(manager.start()).endReason()).isEqualTo(EndReason.COMPLETED);
    }

    @Test
    void startRightAfterStopWaitsForTheEndingSessionInsteadOfRefusing() throws Exception {
        manager(SETTINGS.withFpsCap(60).withQueueDepth(2));
        // Winding down takes a while (saving state, freeing buffers): 40 ms after noticing the stop.
        model.script(ctx -> {
            ScriptedModel.generateUntilStopped().run(ctx);
            Thread.sleep(40);
        });
        Session previous = null;
        for (int i = 0; i < 40; i++) {
            Session session = manager.start(); // throws SessionBusyException if refused
            if (previous != null) {
                assertThat(previous.state()).as("cycle %d: the previous session ended first", i)
                        .isEqualTo(SessionState.ENDED);
            }
            assertThat(session.state()).isEqualTo(SessionState.RUNNING);
            assertThat(manager.stop(EndReason.STOPPED)).as("cycle %d: stop found the session", i).isTrue();
            previous = session;
        }
        assertThat(awaitEnd(previous).endReason()).isEqualTo(EndReason.STOPPED);
        assertThat(manager.stats().sessionsEnded()).containsEntry(EndReason.STOPPED, 40L);
        // A session's events never interleave with the next one's: each ENDED comes before the next session's first event.
        List<String> order = recorder.events.stream().map(SessionEvent::sessionId).distinct().toList();
        assertThat(order).hasSize(40);
        for (int i = 0; i + 1 < order.size(); i++) {
            String ended = order.get(i);
            int endIndex = -1;
            int nextFirst = Integer.MAX_VALUE;
            for (int e = 0; e < recorder.events.size(); e++) {
                SessionEvent event = recorder.events.get(e);
                if (event.sessionId().equals(ended) && event.type() == SessionEvent.Type.ENDED) {
                    endIndex = e;
                }
                if (event.sessionId().equals(order.get(i + 1))) {
                    nextFirst = Math.min(nextFirst, e);
                }
            }
            assertThat(endIndex).as("session %d ended before session %d began", i, i + 1).isBetween(0, nextFirst);
        }
    }

    @Test
    void concurrentStartsDuringAStopGetOneNewSessionAndAJoinableRefusal() throws Exception {
        manager(SETTINGS);
        model.script(ctx -> {
            ScriptedModel.generateUntilStopped().run(ctx);
            Thread.sleep(300);
        });
        Session first = manager.start();
        manager.stop(EndReason.STOPPED);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> manager.start());
            var b = pool.submit(() -> manager.start());
            List<Object> outcomes = new java.util.ArrayList<>();
            for (var f : List.of(a, b)) {
                try {
                    outcomes.add(f.get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            Session started = (Session) outcomes.stream().filter(Session.class::isInstance).findFirst().orElseThrow();
            assertThat(started).isNotEqualTo(first);
            assertThat(outcomes).filteredOn(SessionBusyException.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((SessionBusyException) e).activeSessionId()).isEqualTo(started.id()))
                    .satisfies(e -> assertThat(((Exception) e).getMessage()).contains("is running"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sessionWithoutClientsIsStoppedAsOrphaned() throws Exception {
        manager(SETTINGS.withOrphanTimeout(Duration.ofMillis(300)));
        model.script(ScriptedModel.generateUntilStopped());

        SessionEvent end = awaitEnd(manager.start());

        assertThat(end.endReason()).isEqualTo(EndReason.ORPHANED);
    }

    @Test
    void attachedClientKeepsTheSessionAliveAndDetachingLetsTheOrphanTimeoutFire() throws Exception {
        manager(SETTINGS.withOrphanTimeout(Duration.ofMillis(300)));
        model.script(ScriptedModel.generateUntilStopped());

        Session session = manager.start();
        session.attachClient("viewer-1");

        await().during(Duration.ofMillis(1500)).atMost(LONG)
                .until(() -> session.state() == SessionState.RUNNING);
        assertThat(session.clients()).containsExactly("viewer-1");

        session.detachClient("viewer-1");
        assertThat(awaitEnd(session).endReason()).isEqualTo(EndReason.ORPHANED);
    }

    @Test
    void closeStopsTheSessionWithShutdownAndRefusesNewOnes() throws Exception {
        manager(SETTINGS);
        model.script(ScriptedModel.generateUntilStopped());
        Session session = manager.start();

        manager.close();

        assertThat(awaitEnd(session).endReason()).isEqualTo(EndReason.SHUTDOWN);
        assertThatThrownBy(manager::start).isInstanceOf(SessionBusyException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void secondStartWhileRunningIsRefusedNamingTheRunningSession() throws Exception {
        manager(SETTINGS);
        model.script(ScriptedModel.generateUntilStopped());
        Session session = manager.start();

        assertThatThrownBy(manager::start).isInstanceOf(SessionBusyException.class)
                .satisfies(e -> assertThat(((SessionBusyException) e).activeSessionId()).isEqualTo(session.id()));
        assertThat(manager.current()).contains(session);
        assertThat(manager.health().state()).isEqualTo("serving");
    }

    @Test
    void manyStartStopCyclesLeakNoThreads() throws Exception {
        manager(SETTINGS.withFpsCap(60).withQueueDepth(2));
        model.script(ScriptedModel.generateUntilStopped());
        // Warm up once so lazily created JVM threads do not count as leaks.
        Session warmUp = manager.start();
        manager.stop(EndReason.STOPPED);
        awaitEnd(warmUp);
        await().atMost(LONG).until(() -> reactorThreads() <= 1);
        long baseline = reactorThreads();

        for (int i = 0; i < 200; i++) {
            Session session = manager.start();
            if (i % 3 == 0) {
                var unused = manager.command("session_id", null); // some cycles also start a command thread
            }
            manager.stop(EndReason.STOPPED);
            assertThat(awaitEnd(session).endReason()).as("cycle %d", i).isEqualTo(EndReason.STOPPED);
        }

        await().atMost(LONG).untilAsserted(() -> assertThat(reactorThreads()).isLessThanOrEqualTo(baseline));
        assertThat(manager.stats().sessionsEnded()).containsEntry(EndReason.STOPPED, 201L);
    }

    private static long reactorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("reactor-"))
                .filter(t -> !t.getName().equals("reactor-session-watchdog"))
                .count();
    }

    @Test
    void emitBlockAfterStopReturnsAtOnceEvenWhenTheQueueWasFull() throws Exception {
        // One frame a second and a queue of two: the fourth emit blocks until the stop. (Unmeasured,
        // so just-in-time pacing does not hold the model back earlier: the queue fills.)
        manager(SETTINGS.withFpsCap(1).withQueueDepth(2));
        AtomicInteger handed = new AtomicInteger();
        AtomicBoolean blockedEmitReturned = new AtomicBoolean();
        model.script(ctx -> {
            ctx.disableMonitoring();
            while (!ctx.shouldStop()) {
                ctx.emitBlock(Frames.tiny(1), 2, 2, 3);
                handed.incrementAndGet();
            }
            blockedEmitReturned.set(true);
            for (int i = 0; i < 20; i++) {
                // 50 frames at 1 fps would take minutes if these waited for the pacer.
                ctx.emitBlock(Frames.tinyBlock(50, 0), 50, 2, 2, 3);
            }
        });

        Session session = manager.start();
        await().atMost(LONG).until(() -> session.info().queuedFrames() == 2 && handed.get() >= 3);
        manager.stop(EndReason.STOPPED);

        assertThat(awaitEnd(session).endReason()).isEqualTo(EndReason.STOPPED);
        assertThat(blockedEmitReturned).isTrue();
        assertThat(manager.stats().framesDropped()).isGreaterThanOrEqualTo(20 * 50);
    }

    @Test
    void modelFinallyRunsOnShutdownToo() throws Exception {
        manager(SETTINGS);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        model.script(ctx -> {
            try {
                ScriptedModel.generateUntilStopped().run(ctx);
            } finally {
                cleanedUp.countDown();
            }
        });
        manager.start();

        manager.close();

        assertThat(cleanedUp.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void eventsOfOneSessionAllCarryItsId() throws Exception {
        manager(SETTINGS);
        model.script(ctx -> { });
        Session first = manager.start();
        awaitEnd(first);
        Session second = manager.start();
        awaitEnd(second);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(recorder.events).extracting(SessionEvent::sessionId)
                .containsExactly(first.id(), first.id(), second.id(), second.id());
        assertThat(List.copyOf(recorder.eventTypes(second.id())))
                .containsExactly(SessionEvent.Type.STARTED, SessionEvent.Type.ENDED);
    }

}
