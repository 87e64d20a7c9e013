package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;

/**
 * What a peer reports to the signaling layer that owns it. Every method runs on the peer's own
 * {@link PeerExecutor} thread (never on a libwebrtc thread), so implementations may call the
 * peer and its data channels directly — but must not block waiting for another peer.
 */
public interface PeerEvents {

    /** A local candidate for trickle ICE (non-trickle users wait for the gathered description instead). */
    default void onIceCandidate(ViewerPeer peer, RTCIceCandidate candidate) {
    }

    default void onConnectionState(ViewerPeer peer, RTCPeerConnectionState state) {
    }

    /**
     * The remote side opened a data channel. The peer owns it and disposes it on close; wrap it
     * in a {@link DataChannelBridge} to use it.
     */
    default void onDataChannel(ViewerPeer peer, RTCDataChannel channel) {
    }

    /** The remote side sends media (e.g. a webcam) on this transceiver. */
    default void onTrack(ViewerPeer peer, RTCRtpTransceiver transceiver) {
    }

    /** The peer and its native objects are gone (closed by its owner, the engine, or session end). */
    default void onClosed(ViewerPeer peer) {
    }
}
