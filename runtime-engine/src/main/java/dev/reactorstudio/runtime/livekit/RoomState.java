package dev.reactorstudio.runtime.livekit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import livekit.LivekitModels.DisconnectReason;

/**
 * The one room a runtime hosts: the model participant and the viewers connected now, by
 * identity. Identities are unique, as in LiveKit: a second connection with the same identity
 * replaces the first (the old one is told {@code DUPLICATE_IDENTITY}).
 */
final class RoomState {
    private final String name;
    private final String sid = Sids.room();
    private final long createdAtSeconds = System.currentTimeMillis() / 1000;
    private final ModelParticipant model = new ModelParticipant();
    private final Map<String, SignalSession> viewers = new ConcurrentHashMap<>();

    RoomState(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    String sid() {
        return sid;
    }

    long createdAtSeconds() {
        return createdAtSeconds;
    }

    ModelParticipant model() {
        return model;
    }

    int viewerCount() {
        return viewers.size();
    }

    List<SignalSession> viewers() {
        return List.copyOf(viewers.values());
    }

    /** Adds the viewer; an earlier connection with the same identity is told to leave. */
    void admit(SignalSession viewer) {
        SignalSession previous = viewers.put(viewer.identity(), viewer);
        if (previous != null && previous != viewer) {
            previous.leave(DisconnectReason.DUPLICATE_IDENTITY);
        }
    }

    /** Removes the viewer unless a newer connection of the same identity has taken its place. */
    void remove(SignalSession viewer) {
        viewers.remove(viewer.identity(), viewer);
    }

    Optional<SignalSession> viewer(String identity) {
        return Optional.ofNullable(viewers.get(identity));
    }

    /** Sends a data packet to every viewer watching {@code sessionId}. */
    void broadcast(String sessionId, ByteBuffer packet) {
        for (SignalSession viewer : viewers.values()) {
            if (sessionId.equals(viewer.sessionId())) {
                viewer.deliverData(packet.duplicate());
            }
        }
    }

    /** Tells every viewer of {@code sessionId} to leave: the session they watch is over. */
    void closeSession(String sessionId, DisconnectReason reason) {
        for (SignalSession viewer : viewers.values()) {
            if (sessionId.equals(viewer.sessionId())) {
                viewer.leave(reason);
            }
        }
    }

    void closeAll(DisconnectReason reason) {
        viewers.values().forEach(viewer -> viewer.leave(reason));
    }
}
