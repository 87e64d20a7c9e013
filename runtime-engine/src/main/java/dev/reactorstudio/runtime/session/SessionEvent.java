package dev.reactorstudio.runtime.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a session: it started, a stop was requested, it ended (with the
 * reason and, for {@link EndReason#ERROR}, the model's error).
 */
public record SessionEvent(Type type, String sessionId, Instant time, EndReason endReason, String error) {

    public enum Type { STARTED, STOP_REQUESTED, ENDED }

    static SessionEvent started(String sessionId) {
        return new SessionEvent(Type.STARTED, sessionId, Instant.now(), null, null);
    }

    static SessionEvent stopRequested(String sessionId, EndReason reason) {
        return new SessionEvent(Type.STOP_REQUESTED, sessionId, Instant.now(), reason, null);
    }

    static SessionEvent ended(String sessionId, EndReason reason, String error) {
        return new SessionEvent(Type.ENDED, sessionId, Instant.now(), reason, error);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(error);
    }
}
