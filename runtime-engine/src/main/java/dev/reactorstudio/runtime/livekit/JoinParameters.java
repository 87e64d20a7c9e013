package dev.reactorstudio.runtime.livekit;

import java.util.Optional;
import livekit.LivekitRtc.SessionDescription;

/**
 * What a client asked for when it opened the signal WebSocket, whichever dialect it used.
 *
 * @param path            the signaling dialect
 * @param autoSubscribe   subscribe to every published track without asking (the client's default)
 * @param reconnect       the client tries to resume an earlier connection (we never resume: see {@link JoinResponseFactory})
 * @param publisherOffer  v1 only: the client's first offer, sent inside the join request
 * @param client          "sdk version (protocol n)", for logs
 */
public record JoinParameters(SignalPath path, boolean autoSubscribe, boolean reconnect,
                             Optional<SessionDescription> publisherOffer, String client) {
}
