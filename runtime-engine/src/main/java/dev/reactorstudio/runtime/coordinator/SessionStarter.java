package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionState;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a session through the runtime API, or joins the running one (409). A 409 for a
 * session that is still stopping — a page's start/stop/start, e.g. React StrictMode — waits for
 * it to end and starts again, rather than joining a session about to vanish. A 503 while the
 * model loads holds the start until it is ready ({@link ModelLoadWait}).
 */
final class SessionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStarter.class);
    private static final int ATTEMPTS = 4;

    /** A session a viewer may join, with what the SDK needs to know about the model. */
    record Started(String sessionId, JsonNode model, ObjectNode capabilities, double fps) {
    }

    /** The runtime refused; {@code status} is passed on to the client. */
    static final class StartFailed extends Exception {
        final int status;

        StartFailed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final RuntimeClient runtime;
    private final Supplier<Optional<SessionManager>> sessions;
    private final ModelLoadWait loadWait;
    private volatile JsonNode info;

    SessionStarter(RuntimeClient runtime, Supplier<Optional<SessionManager>> sessions) {
        this(runtime, sessions, ModelLoadWait.DEFAULT_BOUND);
    }

    /** @param loadBound longest a start waits for the model to finish loading */
    SessionStarter(RuntimeClient runtime, Supplier<Optional<SessionManager>> sessions, Duration loadBound) {
        this.runtime = runtime;
        this.sessions = sessions;
        this.loadWait = new ModelLoadWait(runtime, loadBound);
    }

    Started startOrJoin() throws StartFailed, InterruptedException {
        long begun = System.nanoTime();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                RuntimeClient.Reply reply = runtime.startSession();
                if (reply.ok()) {
                    return started(reply.body().path("session_id").asText());
                }
                if (reply.status() == 503 && attempt == 0) {
                    // Loading (or failed): wait for the model, then start once more; a second 503 is passed on.
                    loadWait.awaitLoaded(begun);
                    reply = runtime.startSession();
                    if (reply.ok()) {
                        return started(reply.body().path("session_id").asText());
                    }
                }
                if (reply.status() != 409) {
                    throw new StartFailed(reply.status(), "runtime: " + reply.detail());
                }
                Optional<Session> running = sessions.get().flatMap(SessionManager::current);
                if (running.isPresent() && running.get().state() == SessionState.RUNNING) {
                    LOG.info("Joining running session {}", running.get().id());
                    return started(running.get().id());
                }
                if (running.isPresent()) {
                    waitForEnd(running.get());
                }
            }
            throw new StartFailed(409, "the previous session is still stopping; try again");
        } catch (IOException e) {
            throw new StartFailed(502, "runtime at " + runtime.base() + " is unreachable: " + e.getMessage());
        }
    }

    private static void waitForEnd(Session session) throws InterruptedException {
        try {
            session.ended().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("Waiting for session {} to end", session.id(), e);
        }
    }

    private Started started(String sessionId) throws IOException, InterruptedException, StartFailed {
        JsonNode modelInfo = info();
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("name", modelInfo.path("manifest").path("model_name").asText("model"));
        model.put("version", modelInfo.path("manifest").path("model_version").asText("0.0.0"));
        JsonNode capabilities = modelInfo.path("capabilities");
        ObjectNode commands = capabilities.isObject() ? ((ObjectNode) capabilities).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        if (!commands.has("commands")) {
            commands.putArray("commands");
        }
        double fps = modelInfo.path("pacing").path("fps_cap").asDouble(30);
        return new Started(sessionId, model, commands, fps);
    }

    /** The runtime's {@code /info} (manifest and command schema), fetched once: a model's schema is fixed at load. */
    private JsonNode info() throws IOException, InterruptedException, StartFailed {
        JsonNode cached = info;
        if (cached != null) {
            return cached;
        }
        RuntimeClient.Reply reply = runtime.info();
        if (!reply.ok()) {
            throw new StartFailed(502, "runtime /info: " + reply.detail());
        }
        info = reply.body();
        return reply.body();
    }
}
