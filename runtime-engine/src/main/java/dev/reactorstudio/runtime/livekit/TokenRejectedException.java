package dev.reactorstudio.runtime.livekit;

/**
 * A token that does not admit its bearer. The status is what LiveKit's server answers, which
 * is also what {@code livekit-client} turns into its error: 401 becomes {@code NotAllowed}.
 */
public final class TokenRejectedException extends Exception {
    private final int status;

    TokenRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 401 for a token that is missing, forged, expired or lacks the join grant; 400 for one without identity or room. */
    public int status() {
        return status;
    }
}
