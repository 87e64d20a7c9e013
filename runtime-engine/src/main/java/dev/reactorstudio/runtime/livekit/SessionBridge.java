package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.MessageLimit;
import dev.reactorstudio.runtime.media.CommandGateway;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionBusyException;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import livekit.LivekitModels.DisconnectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the room to the model's sessions: a joining viewer starts a session (or joins the
 * running one) and is attached to it as a client, so the orphan timeout sees it; viewers'
 * commands go through the session manager's validation; {@code send()} messages become data
 * packets on topic {@code application}; when a session stops, its viewers are told to leave.
 */
final class SessionBridge {
    private static final Logger LOG = LoggerFactory.getLogger(SessionBridge.class);
    /** Command failures go to the sender only, on a topic apart from the model's own messages. */
    static final String RUNTIME_TOPIC = "runtime";

    private final Supplier<Optional<SessionManager>> sessions;
    private final RoomState room;
    private final ObjectMapper json;
    private SessionManager subscribedTo;

    private final Consumer<SessionManager> onFirstUse;

    private final MessageLimit messageLimit;
    private final java.util.concurrent.atomic.LongAdder malformed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder repliesSuppressed = new java.util.concurrent.atomic.LongAdder();

    /** @param onFirstUse runs once per session manager before the first viewer joins (e.g. attach the media engine) */
    SessionBridge(Supplier<Optional<SessionManager>> sessions, RoomState room, ObjectMapper json,
                  Consumer<SessionManager> onFirstUse) {
        this(sessions, room, json, onFirstUse, new MessageLimit(Limits.DEFAULT_DATA_MESSAGE_BYTES));
    }

    /** @param messageLimit data packets from viewers larger than this are dropped undecoded (and counted) */
    SessionBridge(Supplier<Optional<SessionManager>> sessions, RoomState room, ObjectMapper json,
                  Consumer<SessionManager> onFirstUse, MessageLimit messageLimit) {
        this.messageLimit = messageLimit;
        this.sessions = sessions;
        this.onFirstUse = onFirstUse;
        this.room = room;
        this.json = json;
    }

    /** True when a viewer's data packet of {@code bytes} may be decoded; counts the ones that may not. */
    boolean admitsPacket(int bytes) {
        return messageLimit.admits(bytes);
    }

    /** A viewer sent bytes that are not a DataPacket: dropped, and counted here. */
    void malformedPacket() {
        malformed.increment();
    }

    /** Data packets dropped because they were not DataPackets, since start. */
    long malformedPackets() {
        return malformed.sum();
    }

    /** A {@code commandError} reply left unsent because its viewer was over the reply rate. */
    void refusalReplySuppressed() {
        repliesSuppressed.increment();
    }

    /** Refusal replies left unsent (viewers over {@link dev.reactorstudio.runtime.guard.ReplyBudget#REFUSALS_PER_SECOND}), since start. */
    long refusalRepliesSuppressed() {
        return repliesSuppressed.sum();
    }

    /** Throws unless a viewer could join now; used before the WebSocket upgrade. */
    SessionManager manager() throws ModelUnavailableException {
        SessionManager manager = sessions.get().orElseThrow(() ->
                new ModelUnavailableException("the model is not loaded yet; try again when /health says ready"));
        subscribe(manager);
        return manager;
    }

    /** Starts a session or joins the running one, attached as {@code clientId}. */
    Session join(String clientId) throws ModelUnavailableException {
        SessionManager manager = manager();
        Session session;
        try {
            session = manager.start();
        } catch (SessionBusyException busy) {
            session = manager.current().filter(s -> s.state() == SessionState.RUNNING)
                    .orElseThrow(() -> new ModelUnavailableException(busy.getMessage()));
        }
        session.attachClient(clientId);
        return session;
    }

    /** Width of the model's video: the last frame's, or the configured default before the first. */
    int frameWidth() {
        return sessions.get().map(m -> m.latestFrame().map(f -> f.width()).orElse(m.settings().defaultWidth()))
                .orElse(0);
    }

    int frameHeight() {
        return sessions.get().map(m -> m.latestFrame().map(f -> f.height()).orElse(m.settings().defaultHeight()))
                .orElse(0);
    }

    void leave(Session session, String clientId) {
        session.detachClient(clientId);
    }

    /**
     * Runs a viewer's command through the media engine's {@link CommandGateway}, the one path
     * every transport shares. Rejections (bad JSON, unknown command, invalid arguments, no
     * session) are reported to {@code reply} as a {@code commandError} packet; the model never
     * sees an invalid call.
     */
    void command(byte[] payload, Consumer<ByteBuffer> reply) {
        ApplicationMessage message;
        try {
            message = ApplicationMessage.parse(json, payload);
        } catch (IllegalArgumentException e) {
            reply.accept(commandError("", e.getMessage(), List.of()));
            return;
        }
        CommandGateway.Outcome outcome;
        try {
            outcome = new CommandGateway(manager()).dispatch(message.type(), message.data(), java.util.Map.of());
        } catch (ModelUnavailableException e) {
            reply.accept(commandError(message.type(), e.getMessage(), List.of()));
            return;
        }
        if (!outcome.accepted()) {
            reply.accept(commandError(message.type(), outcome.refusal(message.type()), outcome.details()));
        }
    }

    /**
     * A viewer may not publish input {@code track}: {@code {"type":"error","data":{"code":
     * "TRACK_PUBLISH_REFUSED","track","message"}}} on topic {@code runtime}, the error the JS SDK
     * path sends in its runtime envelope.
     */
    ByteBuffer publishRefused(String track, String message) {
        ObjectNode error = json.createObjectNode().put("type", "error");
        error.putObject("data").put("code", "TRACK_PUBLISH_REFUSED").put("track", track).put("message", message);
        return packet(RUNTIME_TOPIC, error);
    }

    private ByteBuffer commandError(String command, String text, List<String> problems) {
        ObjectNode error = json.createObjectNode().put("type", "commandError");
        ObjectNode data = error.putObject("data").put("command", command).put("message", text);
        problems.forEach(data.putArray("problems")::add);
        return packet(RUNTIME_TOPIC, error);
    }

    private ByteBuffer packet(String topic, ObjectNode message) {
        try {
            return DataPacketCodec.encode(ModelParticipant.IDENTITY, room.model().sid(), topic,
                    json.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            // An ObjectNode always serialises; this would be a Jackson bug.
            return DataPacketCodec.encode(ModelParticipant.IDENTITY, room.model().sid(), topic,
                    "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private synchronized void subscribe(SessionManager manager) {
        if (subscribedTo == manager) {
            return;
        }
        onFirstUse.accept(manager);
        room.model().declare(manager.settings().tracks());
        manager.addMessageSink((sessionId, message) -> room.broadcast(sessionId, packet(ApplicationMessage.TOPIC, message)));
        manager.addListener(this::onSessionEvent);
        subscribedTo = manager;
    }

    private void onSessionEvent(SessionEvent event) {
        if (event.type() == SessionEvent.Type.STOP_REQUESTED || event.type() == SessionEvent.Type.ENDED) {
            LOG.debug("Session {} is over ({}): its LiveKit viewers leave", event.sessionId(), event.endReason());
            room.closeSession(event.sessionId(), DisconnectReason.ROOM_DELETED);
        }
    }
}
