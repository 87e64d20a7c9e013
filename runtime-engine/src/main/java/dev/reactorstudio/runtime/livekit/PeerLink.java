package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.PeerEvents;
import dev.reactorstudio.runtime.media.SessionVideoSource;
import dev.reactorstudio.runtime.media.VideoCodecChoice;
import dev.reactorstudio.runtime.media.ViewerPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import livekit.LivekitRtc.TrickleRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of a viewer's peer connections as LiveKit signaling sees it: a media-engine
 * {@link ViewerPeer} plus the LiveKit specifics — its {@link SignalTarget} for trickle, remote
 * candidates held back until the remote description is set, the model's video attached under
 * LiveKit's stream id, and the DataPacket channels. State is touched only on the peer's executor.
 */
final class PeerLink implements PeerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignalTarget target;
    private final Negotiation.Signals signals;
    private final ViewerPeer peer;
    // Executor-confined.
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private final List<DataChannelLink> channels = new ArrayList<>();
    private boolean remoteDescriptionSet;
    private String videoMid;

    PeerLink(MediaEngine media, String name, SignalTarget target, Negotiation.Signals signals) {
        this.target = target;
        this.signals = signals;
        this.peer = media.openPeer(name, this);
    }

    ViewerPeer peer() {
        return peer;
    }

    /** Where the model's video goes on this connection; null until attached. Executor-confined. */
    String videoMid() {
        return videoMid;
    }

    // ---- descriptions

    CompletableFuture<Void> setRemote(SessionDescription description) {
        RTCSdpType type = "answer".equals(description.getType()) ? RTCSdpType.ANSWER : RTCSdpType.OFFER;
        return peer.setRemoteDescription(new RTCSessionDescription(type, description.getSdp()))
                .thenRun(this::flushCandidates);
    }

    /**
     * Sends {@code video} on this connection, once: on the remote's first free video section if
     * it offered one (v1), else on a new sendonly transceiver (v0). The stream id names the
     * model participant and track — the client drops tracks it cannot attribute.
     */
    CompletableFuture<Void> attachVideo(SessionVideoSource video, String streamId, String offerSdp) {
        if (videoMid != null) {
            return CompletableFuture.completedFuture(null);
        }
        String codec = offerSdp == null ? null : VideoCodecChoice.choose(offerSdp, null, null);
        return peer.sendVideo(video, null, codec).thenCompose(sender -> peer.call(pc -> {
            sender.setStreams(List.of(streamId));
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.getSender().getTrack() != null
                        && video.track().getId().equals(transceiver.getSender().getTrack().getId())) {
                    transceiver.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                    videoMid = transceiver.getMid();
                }
            }
            return null;
        }));
    }

    /** The mid known only after the local description exists (v0 offers a new section). */
    CompletableFuture<String> refreshVideoMid(String trackId) {
        return peer.call(pc -> {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.getSender().getTrack() != null
                        && trackId.equals(transceiver.getSender().getTrack().getId())) {
                    videoMid = transceiver.getMid();
                }
            }
            return videoMid;
        });
    }

    CompletableFuture<RTCSessionDescription> createAndSetOffer() {
        return peer.createOffer().thenCompose(offer -> peer.setLocalDescription(offer).thenApply(x -> offer));
    }

    CompletableFuture<RTCSessionDescription> createAndSetAnswer() {
        return peer.createAnswer().thenCompose(answer -> peer.setLocalDescription(answer).thenApply(x -> answer));
    }

    // ---- ICE

    /** A candidate from the client (JSON of RTCIceCandidateInit); held until the remote description is set. */
    void addRemoteCandidate(TrickleRequest trickle) {
        RTCIceCandidate candidate;
        try {
            JsonNode init = JSON.readTree(trickle.getCandidateInit());
            String sdp = init.path("candidate").asText("");
            if (sdp.isEmpty()) {
                return; // end-of-candidates marker
            }
            candidate = new RTCIceCandidate(init.path("sdpMid").asText(null), init.path("sdpMLineIndex").asInt(0), sdp);
        } catch (IOException e) {
            LOG.debug("Unreadable trickle candidate: {}", e.getMessage());
            return;
        }
        peer.executor().execute(() -> {
            if (remoteDescriptionSet) {
                peer.addIceCandidate(candidate);
            } else {
                pendingCandidates.add(candidate);
            }
        });
    }

    private void flushCandidates() {
        remoteDescriptionSet = true;
        pendingCandidates.forEach(peer::addIceCandidate);
        pendingCandidates.clear();
    }

    @Override
    public void onIceCandidate(ViewerPeer peer, RTCIceCandidate candidate) {
        String init = JSON.createObjectNode().put("candidate", candidate.sdp).put("sdpMid", candidate.sdpMid)
                .put("sdpMLineIndex", candidate.sdpMLineIndex).toString();
        signals.send(SignalResponse.newBuilder().setTrickle(TrickleRequest.newBuilder()
                .setCandidateInit(init).setTarget(target)).build());
    }

    @Override
    public void onConnectionState(ViewerPeer peer, RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.FAILED) {
            signals.onFailed(target + " peer connection failed");
        } else if (state == RTCPeerConnectionState.CONNECTED) {
            signals.onConnected();
        }
    }

    // ---- data

    /** v0: the server's own {@code _reliable} and {@code _lossy} channels, which the client adopts by label. */
    CompletableFuture<Void> createDataChannels() {
        return peer.call(pc -> {
            RTCDataChannelInit reliable = new RTCDataChannelInit();
            reliable.ordered = true;
            RTCDataChannelInit lossy = new RTCDataChannelInit();
            lossy.ordered = false;
            lossy.maxRetransmits = 0;
            channels.add(DataChannelLink.attach(pc.createDataChannel("_reliable", reliable), peer.executor(), true,
                    signals::onData));
            channels.add(DataChannelLink.attach(pc.createDataChannel("_lossy", lossy), peer.executor(), true,
                    signals::onData));
            return null;
        });
    }

    /** Channels the client opens ({@code _reliable}, {@code _lossy}; {@code _data_track} carries no DataPackets). */
    @Override
    public void onDataChannel(ViewerPeer peer, RTCDataChannel channel) {
        if ("_data_track".equals(channel.getLabel())) {
            return;
        }
        channels.add(DataChannelLink.attach(channel, peer.executor(), false, signals::onData));
    }

    /** Sends on this connection's open {@code _reliable} channel; false when there is none. */
    boolean sendReliable(ByteBuffer packet) {
        for (DataChannelLink channel : channels) {
            if ("_reliable".equals(channel.label()) && channel.isOpen()) {
                channel.send(packet);
                return true;
            }
        }
        return false;
    }

    void onExecutor(Runnable work) {
        peer.executor().execute(work);
    }

    /** Disposes the channels the server created, then closes the peer (both on its executor, in that order). */
    CompletableFuture<Void> close() {
        peer.executor().execute(() -> {
            channels.forEach(DataChannelLink::dispose);
            channels.clear();
        });
        return peer.close();
    }

    static Map<String, String> midToTrack(String mid, String trackSid) {
        return mid == null ? Map.of() : Map.of(mid, trackSid);
    }
}
