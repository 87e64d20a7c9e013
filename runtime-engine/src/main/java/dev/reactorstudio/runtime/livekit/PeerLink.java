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
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.media.InputFeed;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.PeerEvents;
import dev.reactorstudio.runtime.media.SessionAudioSource;
import dev.reactorstudio.runtime.media.SessionVideoSource;
import dev.reactorstudio.runtime.media.VideoCodecChoice;
import dev.reactorstudio.runtime.media.ViewerPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * candidates held back until the remote description is set, the model's video (and audio) attached
 * under LiveKit's stream ids, the DataPacket channels, and the client's published tracks handed
 * to the media engine's input plumbing by mid. State is touched only on the peer's executor.
 */
final class PeerLink implements PeerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignalTarget target;
    private final Negotiation.Signals signals;
    private final MediaEngine media;
    private final ViewerPeer peer;
    /** mid → cid of the client's tracks in its latest offer; written before that offer is applied. */
    private volatile Map<String, String> remoteTracks = Map.of();
    // Executor-confined.
    /** The client's sections feeding an input now: mid → what it carries and the feed. */
    private final Map<String, Fed> fed = new HashMap<>();
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private final List<DataChannelLink> channels = new ArrayList<>();
    private boolean remoteDescriptionSet;
    private String videoMid;
    private String videoTrackId;
    private String audioMid;
    private String audioTrackId;

    PeerLink(MediaEngine media, String name, SignalTarget target, Negotiation.Signals signals) {
        this.target = target;
        this.signals = signals;
        this.media = media;
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
        if (type == RTCSdpType.OFFER) {
            // Before applying it: libwebrtc reports the client's new tracks while it applies the offer.
            remoteTracks = SdpTracks.byMid(description.getSdp());
        }
        return peer.setRemoteDescription(new RTCSessionDescription(type, description.getSdp()))
                .thenRun(() -> {
                    flushCandidates();
                    if (type == RTCSdpType.OFFER) {
                        endUnpublishedFeeds();
                    }
                });
    }

    /**
     * The offer just applied no longer sends on a section that fed an input (the client unpublished:
     * the section went inactive, or was stopped): that feed ends now, not when the connection
     * closes, and the publication's slot is freed — a viewer that publishes and unpublishes all day
     * would otherwise pile up sinks on dead tracks and run out of publications.
     *
     * <p>The section itself stays: livekit-client adds a new one for every publish and never stops
     * the old one, and only an offerer can stop a section (an answer rejects only a transceiver
     * already stopped), while this side never offers on a connection the client offers on. So a
     * connection's inactive transceivers grow with its publish count and are freed when it closes.
     */
    private void endUnpublishedFeeds() {
        Map<String, String> sending = remoteTracks;
        for (var it = fed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Fed> entry = it.next();
            if (!entry.getValue().sectionTrack().equals(sending.get(entry.getKey()))) {
                it.remove();
                entry.getValue().feed().close();
                signals.onUnpublished(entry.getValue().cid(), entry.getValue().announcement());
                LOG.debug("Peer {}: the client unpublished {} (mid {})", peer.id(), entry.getValue().cid(),
                        entry.getKey());
            }
        }
    }

    /** Sections feeding inputs now (the leak tests watch this). Executor-confined. */
    int fedSections() {
        return fed.size();
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
        videoTrackId = video.track().getId();
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

    /**
     * Sends the model's audio on this connection, once, in the stream {@code streamId}: on the
     * remote's first free audio section (v1), else on a new sendonly transceiver (v0).
     */
    CompletableFuture<Void> attachAudio(SessionAudioSource audio, String streamId) {
        if (audioTrackId != null) {
            return CompletableFuture.completedFuture(null);
        }
        audioTrackId = audio.track().getId();
        return peer.sendAudio(audio, List.of(streamId)).thenCompose(sender -> peer.call(pc -> {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.getSender().getTrack() != null
                        && audioTrackId.equals(transceiver.getSender().getTrack().getId())) {
                    transceiver.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                    audioMid = transceiver.getMid();
                }
            }
            return null;
        }));
    }

    /** The mids known only after the local description exists (v0 offers new sections). */
    CompletableFuture<Void> refreshMids() {
        return peer.call(pc -> {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.getSender().getTrack() == null) {
                    continue;
                }
                String sent = transceiver.getSender().getTrack().getId();
                if (sent.equals(videoTrackId)) {
                    videoMid = transceiver.getMid();
                } else if (sent.equals(audioTrackId)) {
                    audioMid = transceiver.getMid();
                }
            }
            return null;
        });
    }

    /** The model's tracks by the mid they are sent on, for the description's {@code mid_to_track_id}. */
    Map<String, String> midToTrack(ModelParticipant model) {
        Map<String, String> map = new LinkedHashMap<>();
        if (videoMid != null) {
            map.put(videoMid, model.trackSid());
        }
        if (audioMid != null) {
            map.put(audioMid, model.audioTrackSid());
        }
        return map;
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
                addCandidate(candidate);
            } else {
                pendingCandidates.add(candidate);
            }
        });
    }

    private void flushCandidates() {
        remoteDescriptionSet = true;
        pendingCandidates.forEach(this::addCandidate);
        pendingCandidates.clear();
    }

    /** A candidate libwebrtc refuses is only logged: the others (or the offer's own) may still connect. */
    private void addCandidate(RTCIceCandidate candidate) {
        peer.addIceCandidate(candidate).exceptionally(e -> {
            LOG.info("Peer {}: remote candidate refused ({}): {}", peer.id(), e.getMessage(), candidate.sdp);
            return null;
        });
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

    // ---- the client's published tracks

    /**
     * The client sends media on {@code transceiver}: if its track was published as one of the
     * model's inputs ({@code add_track} accepted), the media engine feeds it into that input — the
     * same plumbing as the JS SDK path. Each section is fed once, however often libwebrtc reports it.
     */
    @Override
    public void onTrack(ViewerPeer peer, RTCRtpTransceiver transceiver) {
        String mid = transceiver.getMid();
        String sectionTrack = mid == null ? null : remoteTracks.get(mid);
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        if (sectionTrack == null || fed.containsKey(mid) || track == null) {
            return;
        }
        TrackKind kind = MediaStreamTrack.AUDIO_TRACK_KIND.equals(track.getKind()) ? TrackKind.AUDIO : TrackKind.VIDEO;
        signals.startFeed(sectionTrack, kind).ifPresentOrElse(publication -> {
            InputFeed feed = media.feedInput(peer, transceiver, publication.name(), publication.publisher(),
                    publication.inputs(), message -> signals.onInputRefused(publication.name(), message));
            if (feed != null) {
                fed.put(mid, new Fed(sectionTrack, publication.cid(), publication.announcement(), feed));
            } else {
                signals.onUnpublished(publication.cid(), publication.announcement());
            }
        }, () -> LOG.debug("Peer {}: track {} on mid {} was not published as an input; ignored", peer.id(),
                sectionTrack, mid));
    }

    /** A section of the client's feeding an input: the track id its msid names, the publication, and the feed. */
    private record Fed(String sectionTrack, String cid, long announcement, InputFeed feed) {
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
            // However the peer closes (this link, the engine closing a session's peers, the engine
            // closing), the channels this server created go first, on the peer's thread.
            peer.onClose(this::disposeChannels);
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

    /** Closes the peer; the channels the server created are disposed first, on its executor (a close action). */
    CompletableFuture<Void> close() {
        return peer.close();
    }

    /** Runs on the peer's executor as it closes: the server's own channels, then none are left to send on. */
    private void disposeChannels() {
        channels.forEach(DataChannelLink::dispose);
        channels.clear();
    }

}
