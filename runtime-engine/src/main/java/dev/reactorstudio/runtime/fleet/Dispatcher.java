package dev.reactorstudio.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands waiting sessions to idle runtimes and tidies the fleet. Owns the thread
 * {@code reactor-fleet-dispatch}: woken when something changes here ({@link #kick()}) and at
 * least every {@link #TICK} (another coordinator may have changed the shared state), it assigns
 * queue heads, declares silent runtimes lost and drops waiting clients that stopped polling.
 * Starting and stopping sessions on runtimes runs on the caller's {@code calls} executor.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration TICK = Duration.ofMillis(100);
    private static final long REAP_EVERY_MS = 500;

    private final FleetState state;
    private final RuntimeLink runtimes;
    private final FleetMetrics metrics;
    private final FleetOptions options;
    private final ExecutorService calls;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private boolean kicked;
    private volatile boolean running = true;
    private long lastReapMs;

    Dispatcher(FleetState state, RuntimeLink runtimes, FleetMetrics metrics, FleetOptions options, ExecutorService calls) {
        this.state = state;
        this.runtimes = runtimes;
        this.metrics = metrics;
        this.options = options;
        this.calls = calls;
        this.thread = new Thread(this::loop, "reactor-fleet-dispatch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Something changed (a session queued, a runtime freed or joined): assign now rather than at the next tick. */
    void kick() {
        lock.lock();
        try {
            kicked = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                awaitChange();
                if (!running) {
                    return;
                }
                assignAll();
                long now = System.currentTimeMillis();
                if (now - lastReapMs >= REAP_EVERY_MS) {
                    lastReapMs = now;
                    reap(now);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // close() interrupted a Redis call (Lettuce: RedisCommandInterruptedException)
                }
                // A state store hiccup (Redis restarting): try again at the next tick.
                LOG.warn("Fleet dispatch failed: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    // One timed wait per tick, not a loop: a spurious wake-up only runs a dispatch round early.
    @SuppressWarnings("WaitNotInLoop")
    private void awaitChange() throws InterruptedException {
        lock.lock();
        try {
            if (!kicked) {
                changed.await(TICK.toMillis(), TimeUnit.MILLISECONDS);
            }
            kicked = false;
        } finally {
            lock.unlock();
        }
    }

    private void assignAll() {
        for (String model : state.waitingModels()) {
            Optional<Assignment> next;
            while ((next = state.assign(model, System.currentTimeMillis())).isPresent()) {
                Assignment assignment = next.get();
                calls.execute(() -> startOnRuntime(assignment));
            }
        }
    }

    private void startOnRuntime(Assignment a) {
        try {
            RuntimeLink.Answer answer = runtimes.start(a.runtimeUrl(), a.sessionId());
            if (!answer.ok()) {
                failed(a, "HTTP " + answer.status() + " " + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            JsonNode body = answer.json();
            String runtimeSession = body.path("session_id").asText("");
            String capabilities = body.path("capabilities").toString();
            if (state.activate(a.sessionId(), a.runtimeId(), runtimeSession, capabilities)) {
                metrics.assigned((System.currentTimeMillis() - a.createdMs()) / 1000.0);
                LOG.info("Session {} runs on runtime {}", a.sessionId(), a.runtimeId());
            } else {
                // The client left while the runtime was starting: stop it again and free the runtime.
                stopOnRuntime(a.runtimeId(), a.runtimeUrl(), a.sessionId());
            }
        } catch (IOException e) {
            failed(a, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Starting session {} on runtime {} failed", a.sessionId(), a.runtimeId(), e);
        }
    }

    /** The runtime could not start it: the session goes back to its place; the runtime must register again. */
    private void failed(Assignment a, String why) {
        LOG.warn("Runtime {} could not start session {} ({}); it leaves the fleet until it registers again",
                a.runtimeId(), a.sessionId(), why);
        long now = System.currentTimeMillis();
        // Release the runtime's claim first, so declaring it lost does not close the session with it.
        state.freeRuntime(a.runtimeId(), a.sessionId());
        state.markLost(a.runtimeId(), now);
        state.requeue(a.sessionId(), now);
        metrics.runtimeLost();
        kick();
    }

    /** Stops a session on its runtime (off the caller's thread), then frees the runtime for the next in line. */
    void stopLater(String runtimeId, String sessionId) {
        state.runtime(runtimeId).ifPresent(runtime ->
                calls.execute(() -> stopOnRuntime(runtimeId, runtime.url(), sessionId)));
    }

    private void stopOnRuntime(String runtimeId, String url, String sessionId) {
        try {
            RuntimeLink.Answer answer = runtimes.stop(url, sessionId);
            if (!answer.ok()) {
                LOG.warn("Runtime {} answered {} to stopping session {}", runtimeId, answer.status(), sessionId);
            }
            if (state.freeRuntime(runtimeId, sessionId)) {
                kick();
            }
        } catch (IOException e) {
            // Unreachable: its heartbeat (or its absence) decides what happens to it.
            LOG.warn("Cannot stop session {} on runtime {}: {}", sessionId, runtimeId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reap(long now) {
        for (String runtimeId : state.silentRuntimes(now - options.heartbeatTimeout().toMillis())) {
            Optional<String> ended = state.markLost(runtimeId, now);
            metrics.runtimeLost();
            ended.ifPresent(s -> metrics.sessionClosed("runtime_lost"));
            LOG.warn("Runtime {} sent no heartbeat for {} ms: lost{}", runtimeId, options.heartbeatTimeout().toMillis(),
                    ended.map(s -> "; session " + s + " closed").orElse(""));
        }
        for (String sessionId : state.silentWaiting(now - options.pollTimeout().toMillis())) {
            if (state.close(sessionId, "the client stopped polling", now).isPresent()) {
                metrics.sessionClosed("poll_timeout");
                LOG.info("Session {} left the queue: its client stopped polling", sessionId);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(TICK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
