package dev.reactorstudio.runtime.guard;

import java.time.Duration;

/**
 * What one client may consume; each is a {@code reactor run} flag (docs/security.md).
 *
 * @param viewersPerSession      viewers (JS SDK and LiveKit) watching one session at once; one more gets 429
 * @param pendingPeers           peers negotiating (offer received, not yet connected) at once, per server
 * @param pendingPeerLifetime    a peer not connected after this long is closed
 * @param dataMessageBytes       largest data-channel message taken from a viewer; larger ones are dropped and counted
 * @param jsonBodyBytes          largest HTTP request body (JSON and SDP); larger gets 413
 * @param sessionStartsPerMinute session starts (and joins) one client address may make per minute; more gets 429
 * @param queuedCommands         commands a session holds for a busy model; one more is refused (HTTP 429, or a
 *                               {@code commandError} on the data channel) without reaching the model
 */
public record Limits(int viewersPerSession, int pendingPeers, Duration pendingPeerLifetime, int dataMessageBytes,
                     long jsonBodyBytes, int sessionStartsPerMinute, int queuedCommands) {
    public static final int DEFAULT_VIEWERS_PER_SESSION = 8;
    public static final int DEFAULT_PENDING_PEERS = 16;
    public static final Duration DEFAULT_PENDING_PEER_LIFETIME = Duration.ofSeconds(30);
    public static final int DEFAULT_DATA_MESSAGE_BYTES = 64 * 1024;
    public static final long DEFAULT_JSON_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_SESSION_STARTS_PER_MINUTE = 60;
    /** A burst of UI changes fits; a flood is refused rather than queued without bound. */
    public static final int DEFAULT_QUEUED_COMMANDS = 32;

    public Limits {
        positive("viewers per session (--max-viewers)", viewersPerSession);
        positive("pending peers (--max-pending-peers)", pendingPeers);
        if (pendingPeerLifetime == null || pendingPeerLifetime.isZero() || pendingPeerLifetime.isNegative()) {
            throw new IllegalArgumentException("pending peer lifetime (--pending-peer-timeout) must be positive, got "
                    + pendingPeerLifetime);
        }
        positive("data-channel message size (--max-message-bytes)", dataMessageBytes);
        positive("HTTP body size (--max-body-bytes)", jsonBodyBytes);
        positive("session starts per minute (--max-starts-per-minute)", sessionStartsPerMinute);
        positive("queued commands (--max-queued-commands)", queuedCommands);
    }

    /** The limits before {@code queuedCommands} existed; it takes its default. */
    public Limits(int viewersPerSession, int pendingPeers, Duration pendingPeerLifetime, int dataMessageBytes,
                  long jsonBodyBytes, int sessionStartsPerMinute) {
        this(viewersPerSession, pendingPeers, pendingPeerLifetime, dataMessageBytes, jsonBodyBytes,
                sessionStartsPerMinute, DEFAULT_QUEUED_COMMANDS);
    }

    private static void positive(String what, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_VIEWERS_PER_SESSION, DEFAULT_PENDING_PEERS, DEFAULT_PENDING_PEER_LIFETIME,
                DEFAULT_DATA_MESSAGE_BYTES, DEFAULT_JSON_BODY_BYTES, DEFAULT_SESSION_STARTS_PER_MINUTE,
                DEFAULT_QUEUED_COMMANDS);
    }

    public Limits withViewersPerSession(int n) {
        return new Limits(n, pendingPeers, pendingPeerLifetime, dataMessageBytes, jsonBodyBytes, sessionStartsPerMinute, queuedCommands);
    }

    public Limits withPendingPeers(int n, Duration lifetime) {
        return new Limits(viewersPerSession, n, lifetime, dataMessageBytes, jsonBodyBytes, sessionStartsPerMinute, queuedCommands);
    }

    public Limits withDataMessageBytes(int bytes) {
        return new Limits(viewersPerSession, pendingPeers, pendingPeerLifetime, bytes, jsonBodyBytes, sessionStartsPerMinute, queuedCommands);
    }

    public Limits withJsonBodyBytes(long bytes) {
        return new Limits(viewersPerSession, pendingPeers, pendingPeerLifetime, dataMessageBytes, bytes, sessionStartsPerMinute, queuedCommands);
    }

    public Limits withSessionStartsPerMinute(int n) {
        return new Limits(viewersPerSession, pendingPeers, pendingPeerLifetime, dataMessageBytes, jsonBodyBytes, n, queuedCommands);
    }

    public Limits withQueuedCommands(int n) {
        return new Limits(viewersPerSession, pendingPeers, pendingPeerLifetime, dataMessageBytes, jsonBodyBytes,
                sessionStartsPerMinute, n);
    }
}
