package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds a {@code POST /start_session} while the runtime is still loading its model, so a user who
 * clicks Connect right after {@code reactor run} printed its URLs gets a stream once the model is
 * ready instead of an error (the JS SDK does not retry). Polls the runtime's {@code /health} (a
 * poll that times out counts as still loading); answers 503 (the coordinator adds
 * {@code Retry-After}) when the load fails, when it takes longer than the bound, or when too many
 * starts already wait — each held start occupies one of the coordinator's HTTP threads.
 */
final class ModelLoadWait {
    static final Duration DEFAULT_BOUND = Duration.ofMinutes(2);
    /** Starts held at once; the rest are told to retry, so waiting starts never take every HTTP thread. */
    static final int MAX_WAITING = 8;
    private static final long POLL_MILLIS = 200;

    private final RuntimeClient runtime;
    private final Duration bound;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    ModelLoadWait(RuntimeClient runtime, Duration bound) {
        this.runtime = runtime;
        this.bound = bound;
    }

    /**
     * Returns once the runtime's model is loaded (the caller then starts again).
     *
     * @param startedNanos when the start request began; the bound counts from there
     * @throws SessionStarter.StartFailed 503 when the load failed, outlasted the bound, or too many wait
     */
    void awaitLoaded(long startedNanos) throws SessionStarter.StartFailed, IOException, InterruptedException {
        JsonNode health = poll();
        if (!"loading".equals(health.path("state").asText())) {
            failIfFailed(health);
            return;
        }
        if (!waiting.tryAcquire()) {
            throw new SessionStarter.StartFailed(503, "the model is loading (" + detail(health) + ") and "
                    + MAX_WAITING + " starts are already waiting for it: retry shortly");
        }
        try {
            long deadline = startedNanos + bound.toNanos();
            while ("loading".equals(health.path("state").asText())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new SessionStarter.StartFailed(503, "the model is still loading after "
                            + bound.toSeconds() + " s (" + detail(health) + "): retry later, /health shows the progress");
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                health = poll();
            }
            failIfFailed(health);
        } finally {
            waiting.release();
        }
    }

    /**
     * The runtime's health; a poll that times out counts as still loading. A loading model can keep
     * the machine's cores busy (compiling, unpacking weights) so that one {@code /health} answers
     * late; that is no reason to drop a start the bound still allows. An unreachable runtime
     * (connection refused) still fails the start at once.
     */
    private JsonNode poll() throws IOException, InterruptedException {
        try {
            return runtime.health().body();
        } catch (HttpTimeoutException e) {
            return JsonNodeFactory.instance.objectNode().put("state", "loading")
                    .put("detail", "the runtime's /health did not answer in time: " + e.getMessage());
        }
    }

    private static void failIfFailed(JsonNode health) throws SessionStarter.StartFailed {
        if ("failed".equals(health.path("state").asText())) {
            throw new SessionStarter.StartFailed(503, "the model failed to load: " + detail(health));
        }
    }

    private static String detail(JsonNode health) {
        return health.path("detail").asText("no detail");
    }
}
