package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.media.MediaEngine;

/** Builds each viewer's negotiation on the shared media engine; peers are named after the viewer's connection. */
final class MediaNegotiations implements Negotiation.Factory {
    private final MediaEngine media;

    MediaNegotiations(MediaEngine media) {
        this.media = media;
    }

    @Override
    public Negotiation create(SignalPath path, ViewerIdentity viewer, JoinParameters join, String sessionId,
                              ModelParticipant model, Negotiation.Signals signals) {
        String peerName = "lk-" + viewer.clientId().substring("livekit:".length());
        // A token without canSubscribe joins (it may still send data or publish) but gets no track.
        boolean subscribe = viewer.grant().canSubscribe();
        return path == SignalPath.V1
                ? new V1Negotiation(media, peerName, join, sessionId, model, signals, subscribe)
                : new V0Negotiation(media, peerName, sessionId, model, signals, subscribe);
    }
}
