package dev.reactorstudio.runtime.livekit;

/**
 * A viewer as the room knows it: the token's grant plus the participant sid given at join.
 * {@code clientId} is what the session layer sees (unique per connection, so a re-join of the
 * same identity never detaches the newer connection).
 */
record ViewerIdentity(AccessGrant grant, String sid, String clientId) {
}
