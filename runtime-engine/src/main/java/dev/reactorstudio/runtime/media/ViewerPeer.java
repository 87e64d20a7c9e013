package dev.reactorstudio.runtime.media;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote viewer's peer connection. Every call into the native peer connection runs on this
 * peer's own {@link PeerExecutor}; libwebrtc's observer callbacks only post to it (see the
 * package doc for why). All public operations are asynchronous and their futures complete on
 * that executor — never {@code join()} them from it.
 *
 * <p>Built by {@link MediaEngine#openPeer}. Signaling layers use either {@link #answer} (the
 * whole non-trickle answer, as the JS SDK needs) or the single steps ({@link #createOffer},
 * {@link #setRemoteDescription}, {@link #addIceCandidate}, ...) for their own negotiation.
 */
public final class ViewerPeer {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerPeer.class);
    private static final List<String> STREAM_IDS = List.of("reactor");
    /**
     * The model's audio goes in a stream of its own, so browsers play it as it arrives instead of
     * lip-syncing it with the video: the runtime already hands a frame's sound to the encoder with
     * the frame (docs/media.md), and Chromium's lip sync held the video 200-400 ms behind and swung
     * the offset run to run (bench/run.sh twoway loop, av).
     */
    private static final List<String> AUDIO_STREAM_IDS = List.of("reactor-audio");

    private final String id;
    private final PeerExecutor executor;
    private final PeerEvents events;
    private final Consumer<ViewerPeer> onClosed;
    private final IceGathering gathering = new IceGathering();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    // The fields below are touched only on the executor.
    private final List<RTCDataChannel> channels = new ArrayList<>();
    private final List<RTCRtpSender> senders = new ArrayList<>();
    private final List<Runnable> closeActions = new ArrayList<>();
    private final PeerConnectionFactory factory;
    private final AudioModule audioModule;
    private final VideoBitrate bitrate;
    private RTCPeerConnection connection;
    private boolean closing;
    /** Until the transports first connect: libwebrtc starts the audio senders then, on its own (see AudioModule). */
    private final AudioModule.Hold connecting;
    private volatile String videoSessionId;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    ViewerPeer(String id, PeerConnectionFactory factory, AudioModule audioModule, RTCConfiguration configuration,
               VideoBitrate bitrate, PeerEvents events, Consumer<ViewerPeer> onOpened, Consumer<ViewerPeer> onClosed) {
        this.id = id;
        this.factory = factory;
        this.audioModule = audioModule;
        this.connecting = audioModule.hold("connecting peer " + id);
        this.bitrate = bitrate;
        this.events = events;
        this.onClosed = onClosed;
        this.executor = new PeerExecutor("reactor-peer-" + id);
        executor.execute(() -> {
            connection = factory.createPeerConnection(configuration, new NativeObserver());
            onOpened.accept(this);
        });
    }

    public String id() {
        return id;
    }

    /** The thread this peer's work runs on; signaling layers may post their own per-peer work here. */
    public PeerExecutor executor() {
        return executor;
    }

    public RTCPeerConnectionState state() {
        return state;
    }

    /** True once closing began; read on the executor (native objects are gone or going). */
    public boolean isClosing() {
        return closing;
    }

    /** The session whose video this peer sends, or null. */
    public String videoSessionId() {
        return videoSessionId;
    }

    /**
     * Answers a complete (non-trickle) offer: applies it, sends {@code video} on the m-line
     * {@code videoMid} (the first video m-line when null), picks the codec with
     * {@link VideoCodecChoice}, and completes with the answer SDP once ICE gathering is done, so
     * the candidates are inline.
     *
     * @param forcedCodec {@code "VP8"}/{@code "H264"} to override the client's preference, or null
     */
    public CompletableFuture<String> answer(String offerSdp, SessionVideoSource video, String videoMid,
                                            String forcedCodec, Duration gatherTimeout) {
        return answer(offerSdp, video, videoMid, null, null, forcedCodec, gatherTimeout);
    }

    /**
     * As {@link #answer(String, SessionVideoSource, String, String, Duration)}, also sending
     * {@code audio} on the m-line {@code audioMid} (the model's audio output; skipped when either is
     * null). The client's own tracks (a webcam, a microphone on sendonly m-lines) are accepted as
     * they are offered and reported through {@link PeerEvents#onTrack}.
     */
    public CompletableFuture<String> answer(String offerSdp, SessionVideoSource video, String videoMid,
                                            SessionAudioSource audio, String audioMid,
                                            String forcedCodec, Duration gatherTimeout) {
        return setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp))
                .thenCompose(ignored -> senderChange("attaching tracks", pc -> {
                    if (video != null) {
                        attachVideo(pc, video, videoMid, VideoCodecChoice.choose(offerSdp, videoMid, forcedCodec));
                    }
                    if (audio != null && audioMid != null) {
                        attachAudio(pc, audio, audioMid);
                    }
                    return null;
                }))
                .thenCompose(ignored -> createAnswer())
                .thenCompose(this::setLocalDescription)
                .thenCompose(ignored -> gathering.awaitComplete(gatherTimeout, executor))
                .thenCompose(ignored -> call(pc -> pc.getLocalDescription().sdp));
    }

    /**
     * Sends the session's shared track. With {@code mid} (or an unused video transceiver the
     * remote offered) the existing m-line is reused; otherwise a new sender is added, which needs
     * a (re)negotiation by the caller.
     */
    public CompletableFuture<RTCRtpSender> sendVideo(SessionVideoSource video, String mid, String codec) {
        return call(pc -> attachVideo(pc, video, mid, codec));
    }

    private RTCRtpSender attachVideo(RTCPeerConnection pc, SessionVideoSource video, String mid, String codec) {
        RTCRtpTransceiver target = null;
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            boolean isVideo = t.getReceiver().getTrack() != null
                    && MediaStreamTrack.VIDEO_TRACK_KIND.equals(t.getReceiver().getTrack().getKind());
            boolean unused = t.getSender().getTrack() == null;
            if (mid != null ? mid.equals(t.getMid()) : isVideo && unused) {
                target = t;
                break;
            }
        }
        RTCRtpSender sender;
        if (target != null) {
            sender = target.getSender();
            sender.replaceTrack(video.track());
            sender.setStreams(STREAM_IDS);
            target.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
            preferCodec(target, codec);
        } else {
            sender = pc.addTrack(video.track(), STREAM_IDS);
            String trackId = video.track().getId();
            for (RTCRtpTransceiver t : pc.getTransceivers()) {
                MediaStreamTrack sent = t.getSender().getTrack();
                if (sent != null && trackId.equals(sent.getId())) {
                    preferCodec(t, codec);
                }
            }
        }
        senders.add(sender);
        videoSessionId = video.sessionId();
        return sender;
    }

    /**
     * Sends the session's audio track in the stream {@code streamIds}: on the remote's first unused
     * audio transceiver (one it offered to receive on), else on a new sender, which needs a
     * (re)negotiation by the caller. Completes with the sender; its transceiver's mid is known once
     * a local description exists.
     */
    public CompletableFuture<RTCRtpSender> sendAudio(SessionAudioSource audio, List<String> streamIds) {
        return senderChange("attaching audio", pc -> {
            for (RTCRtpTransceiver t : pc.getTransceivers()) {
                MediaStreamTrack receiving = t.getReceiver().getTrack();
                if (receiving != null && MediaStreamTrack.AUDIO_TRACK_KIND.equals(receiving.getKind())
                        && t.getSender().getTrack() == null && t.getMid() != null) {
                    RTCRtpSender sender = t.getSender();
                    sender.replaceTrack(audio.track());
                    sender.setStreams(streamIds);
                    t.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                    senders.add(sender);
                    return sender;
                }
            }
            RTCRtpSender sender = pc.addTrack(audio.track(), streamIds);
            senders.add(sender);
            return sender;
        });
    }

    /** Sends the session's audio track on the transceiver of {@code mid}, in its own stream ({@link #AUDIO_STREAM_IDS}). */
    private void attachAudio(RTCPeerConnection pc, SessionAudioSource audio, String mid) {
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            if (mid.equals(t.getMid())) {
                RTCRtpSender sender = t.getSender();
                sender.replaceTrack(audio.track());
                sender.setStreams(AUDIO_STREAM_IDS);
                t.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                senders.add(sender);
                return;
            }
        }
        LOG.warn("Peer {}: the offer has no m-line {} for the model's audio; it is not sent", id, mid);
    }

    /**
     * Runs {@code action} on this peer's executor when it closes, before the native connection is
     * closed (e.g. to remove a sink from a remote track). Call on the executor.
     */
    public void onClose(Runnable action) {
        if (closing) {
            action.run();
        } else {
            closeActions.add(action);
        }
    }

    private void preferCodec(RTCRtpTransceiver transceiver, String codec) {
        if (codec == null) {
            return;
        }
        try {
            transceiver.setCodecPreferences(VideoCodecChoice.preferences(
                    factory.getRtpSenderCapabilities(MediaType.VIDEO).getCodecs(), codec));
        } catch (RuntimeException e) {
            LOG.warn("Peer {}: could not prefer {} ({}); libwebrtc picks the codec", id, codec, e.getMessage());
        }
    }

    public CompletableFuture<RTCSessionDescription> createOffer() {
        return nativeDescription((pc, observer) -> pc.createOffer(new RTCOfferOptions(), observer));
    }

    public CompletableFuture<RTCSessionDescription> createAnswer() {
        return nativeDescription((pc, observer) -> pc.createAnswer(new RTCAnswerOptions(), observer));
    }

    public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
        return nativeSet("setting the local description", (pc, observer) -> pc.setLocalDescription(description, observer));
    }

    /**
     * Applies the remote offer or answer — with the video bitrate range added to its video codecs,
     * which is where libwebrtc takes our encoder's start/min/max bitrate from ({@link VideoBitrate}).
     */
    public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
        RTCSessionDescription withBitrate = new RTCSessionDescription(description.sdpType, bitrate.apply(description.sdp));
        return nativeSet("setting the remote description", (pc, observer) -> pc.setRemoteDescription(withBitrate, observer));
    }

    /** Trickle ICE: a remote candidate. Candidates must arrive after the remote description. */
    public CompletableFuture<Void> addIceCandidate(RTCIceCandidate candidate) {
        return call(pc -> {
            pc.addIceCandidate(candidate);
            return null;
        });
    }

    /** Completes (on the executor) when gathering is complete or {@code timeout} passed. */
    public CompletableFuture<Void> gatheringComplete(Duration timeout) {
        return call(pc -> null).thenCompose(ignored -> gathering.awaitComplete(timeout, executor));
    }

    /** The current local description (with the candidates gathered so far). */
    public CompletableFuture<RTCSessionDescription> localDescription() {
        return call(RTCPeerConnection::getLocalDescription);
    }

    /** The peer's WebRTC stats (e.g. outbound-rtp {@code keyFramesEncoded}, {@code pliCount}, {@code framesSent}). */
    public CompletableFuture<RTCStatsReport> stats() {
        CompletableFuture<RTCStatsReport> result = new CompletableFuture<>();
        call(pc -> {
            pc.getStats(report -> executor.execute(() -> result.complete(report)));
            return null;
        }).exceptionally(e -> {
            result.completeExceptionally(e);
            return null;
        });
        return result;
    }

    /** Escape hatch: runs {@code work} with the native peer connection, on this peer's executor. */
    public <T> CompletableFuture<T> call(Function<RTCPeerConnection, T> work) {
        return executor.call(() -> {
            if (closing || connection == null) {
                throw new IllegalStateException("peer " + id + " is closed");
            }
            return work.apply(connection);
        });
    }

    /**
     * A native call that may start or stop a sender, under an audio-module hold (see
     * {@link AudioModule}): libwebrtc may start the module's capture inside it.
     */
    private <T> CompletableFuture<T> senderChange(String what, Function<RTCPeerConnection, T> work) {
        return call(pc -> {
            try (AudioModule.Hold ignored = audioModule.hold(what)) {
                return work.apply(pc);
            }
        });
    }

    private interface DescriptionCall {
        void run(RTCPeerConnection pc, CreateSessionDescriptionObserver observer);
    }

    private interface SetCall {
        void run(RTCPeerConnection pc, SetSessionDescriptionObserver observer);
    }

    private CompletableFuture<RTCSessionDescription> nativeDescription(DescriptionCall call) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        call(pc -> {
            call.run(pc, new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription description) {
                    executor.execute(() -> result.complete(description));
                }

                @Override
                public void onFailure(String error) {
                    executor.execute(() -> result.completeExceptionally(new IllegalStateException(
                            "peer " + id + ": " + error)));
                }
            });
            return null;
        }).exceptionally(e -> {
            result.completeExceptionally(e);
            return null;
        });
        return result;
    }

    /** Applies a description under an audio-module hold that lasts until libwebrtc reports the result. */
    private CompletableFuture<Void> nativeSet(String what, SetCall call) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        call(pc -> {
            AudioModule.Hold hold = audioModule.hold(what);
            try {
                call.run(pc, new SetSessionDescriptionObserver() {
                    @Override
                    public void onSuccess() {
                        hold.close();
                        executor.execute(() -> result.complete(null));
                    }

                    @Override
                    public void onFailure(String error) {
                        hold.close();
                        executor.execute(() -> result.completeExceptionally(new IllegalStateException(
                                "peer " + id + ": " + error)));
                    }
                });
            } catch (RuntimeException | Error e) {
                hold.close();
                throw e;
            }
            return null;
        }).exceptionally(e -> {
            result.completeExceptionally(e);
            return null;
        });
        return result;
    }

    /**
     * Closes the peer connection and releases its native objects (senders' tracks removed first,
     * so the shared track can later be disposed; data channels disposed), then ends the peer's
     * thread. Idempotent; completes when done. Callers that need not wait may ignore the future:
     * a failing close action is logged here.
     */
    @CanIgnoreReturnValue
    public CompletableFuture<Void> close() {
        executor.execute(this::closeNow);
        return closed.copy();
    }

    private void closeNow() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            for (Runnable action : closeActions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("Peer {}: a close action failed", id, e);
                }
            }
            closeActions.clear();
        } finally {
            // Whatever a close action threw, the native connection is closed before the peer counts as
            // closed: the engine frees the factory once no peer counts as open, and a connection left
            // open would then run on freed libwebrtc threads.
            closeNative();
        }
    }

    /** Each step on its own, so one failing (webrtc-java reports a still-referenced object as an Error) skips no other. */
    private void closeNative() {
        connecting.close();
        try (AudioModule.Hold ignored = audioModule.hold("closing a peer")) {
            if (connection != null) {
                for (RTCRtpSender sender : senders) {
                    try {
                        connection.removeTrack(sender);
                    } catch (RuntimeException e) {
                        LOG.debug("Peer {}: removeTrack", id, e);
                    }
                }
                for (RTCDataChannel channel : channels) {
                    disposeChannel(channel);
                }
                connection.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Peer {}: error while closing", id, e);
        } finally {
            senders.clear();
            channels.clear();
            boolean hadConnection = connection != null;
            connection = null;
            state = RTCPeerConnectionState.CLOSED;
            executor.shutdown();
            if (hadConnection) {
                onClosed.accept(this);
            }
            try {
                events.onClosed(this);
            } finally {
                closed.complete(null);
            }
        }
    }

    /**
     * Unregisters, closes and frees a channel the client opened. webrtc-java throws
     * {@link Error} from {@code dispose()} when libwebrtc still holds a reference: that leaks the
     * handle (logged) rather than stopping the close.
     */
    private void disposeChannel(RTCDataChannel channel) {
        try {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        } catch (RuntimeException | Error e) {
            LOG.warn("Peer {}: data channel not freed ({}); leaving it to the process", id, e.getMessage());
        }
    }

    /** Runs on libwebrtc's threads: only posts to the executor. */
    private final class NativeObserver implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            executor.execute(() -> {
                if (!closing) {
                    events.onIceCandidate(ViewerPeer.this, candidate);
                }
            });
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState gatheringState) {
            executor.execute(() -> gathering.onState(gatheringState));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState connectionState) {
            if (connectionState != RTCPeerConnectionState.NEW && connectionState != RTCPeerConnectionState.CONNECTING) {
                connecting.close();
            }
            executor.execute(() -> {
                if (!closing) {
                    state = connectionState;
                    events.onConnectionState(ViewerPeer.this, connectionState);
                }
            });
        }

        @Override
        public void onDataChannel(RTCDataChannel channel) {
            executor.execute(() -> {
                if (closing) {
                    channel.dispose();
                    return;
                }
                channels.add(channel);
                events.onDataChannel(ViewerPeer.this, channel);
            });
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            executor.execute(() -> {
                if (!closing) {
                    events.onTrack(ViewerPeer.this, transceiver);
                }
            });
        }
    }
}
