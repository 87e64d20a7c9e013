package dev.reactorstudio.runtime.media;

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
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A libwebrtc client in the test JVM that behaves like the JS SDK's browser side: opens the
 * {@code "data"} channel, offers one recvonly video m-line, waits for ICE gathering (no trickle),
 * counts decoded frames and collects data-channel text.
 */
public final class TestViewer implements AutoCloseable {
    public final AtomicInteger frames = new AtomicInteger();
    volatile int width;
    volatile int height;
    public final List<String> received = new CopyOnWriteArrayList<>();
    volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private final RTCPeerConnection pc;
    private final RTCDataChannel channel;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final VideoTrackSink sink = frame -> {
        width = frame.buffer.getWidth();
        height = frame.buffer.getHeight();
        frames.incrementAndGet();
        frame.release();
    };
    private volatile VideoTrack remote;
    private final CustomVideoSource placeholderSource;
    private final VideoTrack placeholder;
    private final RTCRtpSender placeholderSender;

    public TestViewer(PeerConnectionFactory factory) {
        RTCConfiguration config = new RTCConfiguration();
        pc = factory.createPeerConnection(config, new PeerConnectionObserver() {
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
                VideoTrack track = (VideoTrack) transceiver.getReceiver().getTrack();
                track.addSink(sink);
                remote = track;
            }
        });
        channel = pc.createDataChannel("data", new RTCDataChannelInit());
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
                received.add(new String(bytes, StandardCharsets.UTF_8));
            }
        });
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        // webrtc-java can only add a transceiver with a track; a recvonly one never sends it.
        placeholderSource = new CustomVideoSource();
        placeholder = factory.createVideoTrack("placeholder", placeholderSource);
        placeholderSender = pc.addTransceiver(placeholder, init).getSender();
    }

    /** The complete offer, candidates inline. */
    public String offer() throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), describe(offer));
        RTCSessionDescription description = offer.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setLocalDescription(description, settle(set));
        set.get(5, TimeUnit.SECONDS);
        gathered.get(5, TimeUnit.SECONDS);
        return pc.getLocalDescription().sdp;
    }

    public void accept(String answerSdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), settle(set));
        set.get(5, TimeUnit.SECONDS);
    }

    public boolean channelOpen() {
        return channel.getState() == RTCDataChannelState.OPEN;
    }

    public void send(String text) throws Exception {
        sendBytes(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Any bytes, as a text or a binary frame (the data-channel fuzzer sends both). */
    public void sendBytes(byte[] bytes, boolean binary) throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        channel.send(new RTCDataChannelBuffer(direct, binary));
    }

    /** Bytes queued in the channel and not yet sent (the fuzzer waits for it to drain before a burst). */
    public long bufferedAmount() {
        return channel.getBufferedAmount();
    }

    String videoMid() {
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            if (t.getReceiver().getTrack() != null && "video".equals(t.getReceiver().getTrack().getKind())) {
                return t.getMid();
            }
        }
        return null;
    }

    private static CreateSessionDescriptionObserver describe(CompletableFuture<RTCSessionDescription> f) {
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

    private static SetSessionDescriptionObserver settle(CompletableFuture<Void> f) {
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
        VideoTrack track = remote;
        if (track != null) {
            track.removeSink(sink);
        }
        channel.unregisterObserver();
        channel.close();
        channel.dispose();
        pc.removeTrack(placeholderSender);
        pc.close();
        placeholder.dispose();
        placeholderSource.dispose();
    }
}
