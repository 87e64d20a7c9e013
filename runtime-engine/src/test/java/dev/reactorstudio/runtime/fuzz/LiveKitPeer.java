package dev.reactorstudio.runtime.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels.ClientInfo;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitRtc.JoinRequest;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.WrappedJoinRequest;

/**
 * A LiveKit participant made of a libwebrtc peer in the test JVM, speaking the signaling
 * {@code livekit-client} speaks on {@code /rtc/v1}: the first offer (one recvonly video section,
 * the {@code _reliable} and {@code _lossy} data channels, candidates inline) packed into the
 * join request, the server's answer and trickled candidates applied, a ping every 5 s. It counts
 * the video frames it decodes, collects the user packets the server sends on its channels, and
 * sends any bytes on either channel — valid DataPackets or not, which a browser cannot do.
 */
final class LiveKitPeer implements AutoCloseable {
    final AtomicInteger frames = new AtomicInteger();
    /** User packets received from the server: {@code topic + " " + payload}. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Every signal response the server sent, by kind, for the test's report. */
    final List<SignalResponse.MessageCase> signals = new CopyOnWriteArrayList<>();
    volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    private final RTCPeerConnection pc;
    private final RTCDataChannel reliable;
    private final RTCDataChannel lossy;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final CompletableFuture<SessionDescription> answer = new CompletableFuture<>();
    private final CompletableFuture<Void> remoteSet = new CompletableFuture<>();
    private final CustomVideoSource placeholderSource;
    private final VideoTrack placeholder;
    private final RTCRtpSender placeholderSender;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "livekit-peer-ping");
        t.setDaemon(true);
        return t;
    });
    private final VideoTrackSink sink = frame -> {
        frames.incrementAndGet();
        frame.release();
    };
    private volatile VideoTrack remote;
    private WebSocket socket;

    LiveKitPeer(PeerConnectionFactory factory) {
        pc = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState s) {
                if (s == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState s) {
                state = s;
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                if (transceiver.getReceiver().getTrack() instanceof VideoTrack track) {
                    track.addSink(sink);
                    remote = track;
                }
            }
        });
        RTCDataChannelInit ordered = new RTCDataChannelInit();
        ordered.ordered = true;
        reliable = observed(pc.createDataChannel("_reliable", ordered));
        RTCDataChannelInit unordered = new RTCDataChannelInit();
        unordered.ordered = false;
        unordered.maxRetransmits = 0;
        lossy = observed(pc.createDataChannel("_lossy", unordered));
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        // webrtc-java adds a transceiver only with a track; a recvonly one never sends it.
        placeholderSource = new CustomVideoSource();
        placeholder = factory.createVideoTrack("placeholder", placeholderSource);
        placeholderSender = pc.addTransceiver(placeholder, init).getSender();
    }

    /** Joins {@code mediaUrl} ({@code ws://host:port}) with {@code token}; returns once the answer is applied. */
    void join(String mediaUrl, String token) throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), described(offer));
        RTCSessionDescription local = offer.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setLocalDescription(local, settled(set));
        set.get(10, TimeUnit.SECONDS);
        gathered.get(10, TimeUnit.SECONDS);
        JoinRequest request = JoinRequest.newBuilder()
                .setClientInfo(ClientInfo.newBuilder().setSdk(ClientInfo.SDK.JS).setVersion("fuzz").setProtocol(16))
                .setPublisherOffer(SessionDescription.newBuilder().setType("offer")
                        .setSdp(pc.getLocalDescription().sdp).setId(1))
                .build();
        String packed = Base64.getUrlEncoder().encodeToString(WrappedJoinRequest.newBuilder()
                .setCompression(WrappedJoinRequest.Compression.NONE)
                .setJoinRequest(request.toByteString()).build().toByteArray());
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(mediaUrl + "/rtc/v1?access_token=" + token + "&join_request=" + packed),
                        new Signals()).get(20, TimeUnit.SECONDS);
        var unusedPings = pinger.scheduleAtFixedRate(() -> signal(SignalRequest.newBuilder().setPing(System.currentTimeMillis()).build()),
                5, 5, TimeUnit.SECONDS);
        SessionDescription description = answer.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> applied = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, description.getSdp()), settled(applied));
        applied.get(10, TimeUnit.SECONDS);
        remoteSet.complete(null);
    }

    boolean channelsOpen() {
        return reliable.getState() == RTCDataChannelState.OPEN && lossy.getState() == RTCDataChannelState.OPEN;
    }

    /** Any bytes as one binary message on {@code _reliable} (or {@code _lossy}), as livekit-client sends DataPackets. */
    void send(byte[] bytes, boolean onLossy) throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        (onLossy ? lossy : reliable).send(new RTCDataChannelBuffer(direct, true));
    }

    /** The same bytes as a text message: LiveKit's channels carry only binary DataPackets. */
    void sendText(byte[] bytes) throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        reliable.send(new RTCDataChannelBuffer(direct, false));
    }

    long bufferedAmount() {
        return reliable.getBufferedAmount() + lossy.getBufferedAmount();
    }

    private void signal(SignalRequest request) {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            var unused = ws.sendBinary(ByteBuffer.wrap(request.toByteArray()), true);
        }
    }

    private RTCDataChannel observed(RTCDataChannel channel) {
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                byte[] bytes = new byte[buffer.data.remaining()];
                buffer.data.get(bytes);
                try {
                    DataPacket packet = DataPacket.parseFrom(bytes);
                    if (packet.hasUser()) {
                        received.add(packet.getUser().getTopic() + " " + packet.getUser().getPayload().toStringUtf8());
                    }
                } catch (Exception e) {
                    received.add("undecodable " + e.getMessage());
                }
            }
        });
        return channel;
    }

    /** The signal socket: answers, trickled candidates; every response is recorded. */
    private final class Signals implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                try {
                    handle(SignalResponse.parseFrom(partial.toByteArray()));
                } catch (Exception e) {
                    answer.completeExceptionally(e);
                } finally {
                    partial.reset();
                }
            }
            webSocket.request(1);
            return null;
        }

        private void handle(SignalResponse response) throws Exception {
            signals.add(response.getMessageCase());
            switch (response.getMessageCase()) {
                case ANSWER -> answer.complete(response.getAnswer());
                case TRICKLE -> {
                    JsonNode init = FuzzJson.JSON.readTree(response.getTrickle().getCandidateInit());
                    String sdp = init.path("candidate").asText("");
                    if (!sdp.isEmpty()) {
                        // Applied once the answer is: libwebrtc refuses candidates before a remote description.
                        var unused = remoteSet.thenRun(() -> pc.addIceCandidate(new RTCIceCandidate(init.path("sdpMid").asText(),
                                init.path("sdpMLineIndex").asInt(), sdp)));
                    }
                }
                case LEAVE -> answer.completeExceptionally(new IllegalStateException("the server said leave: "
                        + response.getLeave()));
                default -> {
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            answer.completeExceptionally(new IllegalStateException("signal socket closed: " + statusCode + " " + reason));
            return null;
        }
    }

    /** {@code payload} as a reliable user packet on {@code topic}, as {@code publishData} sends it. */
    static byte[] userPacket(String topic, byte[] payload) {
        return DataPacket.newBuilder().setKind(DataPacket.Kind.RELIABLE)
                .setUser(livekit.LivekitModels.UserPacket.newBuilder().setTopic(topic).setPayload(ByteString.copyFrom(payload)))
                .build().toByteArray();
    }

    private static CreateSessionDescriptionObserver described(CompletableFuture<RTCSessionDescription> f) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                f.complete(d);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver settled(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                f.complete(null);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            signal(SignalRequest.newBuilder().setLeave(livekit.LivekitRtc.LeaveRequest.newBuilder()).build());
            var unused = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        VideoTrack track = remote;
        if (track != null) {
            track.removeSink(sink);
        }
        for (RTCDataChannel channel : List.of(reliable, lossy)) {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        }
        pc.removeTrack(placeholderSender);
        pc.close();
        placeholder.dispose();
        placeholderSource.dispose();
    }
}
