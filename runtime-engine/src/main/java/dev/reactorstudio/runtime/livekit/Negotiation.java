package dev.reactorstudio.runtime.livekit;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.TrickleRequest;

/**
 * The WebRTC side of one viewer in one dialect ({@link SignalPath}): peer connections, offers
 * and answers, ICE, data channels. Implementations own their peers and run every peer call on
 * the peers' own executors; these methods are called on the signal session's thread and must
 * return without waiting for a peer.
 */
interface Negotiation {

    /** Called once the join response went out: v0 offers the video, v1 answers an offer sent with the join. */
    void start();

    /** The client's offer (v0: its publisher connection; v1: its only connection). Every offer is answered. */
    void onOffer(SessionDescription offer);

    /** The client's answer to a server offer (v0 subscriber connection). */
    void onAnswer(SessionDescription answer);

    void onTrickle(TrickleRequest trickle);

    /** Sends one encoded DataPacket to the viewer on a reliable channel (dropped until one is open). */
    void sendData(ByteBuffer packet);

    /** Closes the peers and releases their native objects. */
    CompletableFuture<Void> close();

    /** How a negotiation talks back to its signal session; callable from any thread. */
    interface Signals {
        void send(SignalResponse response);

        /** A DataPacket the viewer sent on any of its channels. */
        void onData(ByteBuffer packet);

        /** The connection cannot work (e.g. ICE failed): the session leaves. */
        void onFailed(String reason);

        /** A peer connection of this viewer reached {@code connected}: it is no longer a pending join. */
        default void onConnected() {
        }

        /** The declared input the client's track {@code cid} was published as ({@code add_track}), if accepted. */
        default java.util.Optional<InputPublications.Feed> inputFor(String cid) {
            return java.util.Optional.empty();
        }

        /**
         * A section of the client's started sending a {@code kind} track named {@code sectionTrackId} in
         * its msid: the accepted publication it carries, now fed ({@link InputPublications#startFeed}).
         */
        default java.util.Optional<InputPublications.Feed> startFeed(String sectionTrackId,
                                                                     dev.reactorstudio.runtime.manifest.TrackKind kind) {
            return java.util.Optional.empty();
        }

        /** The media of an accepted track was refused at the input (another client got there first). */
        default void onInputRefused(String name, String message) {
        }

        /** The client stopped sending the publication {@code announcement} of track {@code cid} (its section went inactive). */
        default void onUnpublished(String cid, long announcement) {
        }
    }

    /** Creates the negotiation for a viewer who just joined. */
    @FunctionalInterface
    interface Factory {
        Negotiation create(SignalPath path, ViewerIdentity viewer, JoinParameters join, String sessionId,
                           ModelParticipant model, Signals signals);
    }
}
