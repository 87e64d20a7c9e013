package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.SessionContext;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one session between the Python child and that session's context: frames into
 * {@code emitBlock} (the same pacer Java models feed, whose backpressure reaches the child
 * through the socket), audio into {@code emitAudio}, messages into {@code send}, and the inputs the
 * child asks for back to it (an {@link InputServer} that lives as long as the session). Completes
 * when the child reports the session's end, or fails when the child dies. Called on the bridge's
 * reader thread.
 */
final class SessionRelay {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionContext context;
    private final String modelName;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile InputServer inputs;

    SessionRelay(SessionContext context, String modelName) {
        this.context = context;
        this.modelName = modelName;
    }

    String sessionId() {
        return context.sessionId();
    }

    void frames(BridgeChannel.Frames frames) {
        // emitBlock copies the bytes out before returning, so the channel may reuse its buffer next.
        context.emitBlock(frames.pixels(), frames.count(), frames.height(), frames.width(), 3);
    }

    /** Starts answering the child's input requests of this session over {@code channel}. */
    void serveInputs(BridgeChannel channel, String threadTag) {
        inputs = new InputServer(context, channel, threadTag);
    }

    void input(JsonNode request) {
        InputServer server = inputs;
        if (server != null) {
            server.request(request);
        }
    }

    /**
     * Plays audio the child emitted.
     *
     * @return null when accepted, else what is wrong (no audio output declared, a bad rate): the child raises it
     */
    String audio(BridgeChannel.Pcm pcm) {
        try {
            context.emitAudio(pcm.samples(), pcm.sampleRate(), pcm.channels());
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    void black() {
        context.emitBlock((BufferedImage[]) null);
    }

    void flush() {
        context.flush();
    }

    @SuppressWarnings("unchecked")
    void send(JsonNode message) {
        context.send(JSON.convertValue(message, Map.class));
    }

    void monitoring(boolean enabled) {
        if (enabled) {
            context.enableMonitoring();
        } else {
            context.disableMonitoring();
        }
    }

    /** The child's {@code session_ended}: {@code error} is null or {@code {type, message, traceback}}. */
    void end(JsonNode error) {
        closeInputs();
        if (error == null || error.isNull()) {
            ended.complete(null);
            return;
        }
        String message = error.path("type").asText("Exception") + ": " + error.path("message").asText("");
        String traceback = error.path("traceback").asText("");
        LOG.error("Python model {} raised in start_session() (session {}):\n{}", modelName, sessionId(), traceback.strip());
        ended.completeExceptionally(new PythonModelException(message, traceback));
    }

    void fail(Exception cause) {
        closeInputs();
        ended.completeExceptionally(cause);
    }

    private void closeInputs() {
        InputServer server = inputs;
        if (server != null) {
            server.close();
        }
    }

    /**
     * Waits up to {@code millis} for the end; true once ended normally.
     *
     * @throws Exception the model's error ({@link PythonModelException}) or the crash ({@link PythonCrashedException})
     */
    boolean awaitEnd(long millis) throws Exception {
        try {
            ended.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
