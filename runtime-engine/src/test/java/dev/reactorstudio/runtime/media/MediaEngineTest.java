package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine against a real libwebrtc client in the same JVM (run inside scripts/netns-run:
 * libwebrtc ignores loopback).
 */
@Tag("webrtc")
class MediaEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HeadlessAudioDeviceModule clientAudio;
    private static PeerConnectionFactory clientFactory;

    @BeforeAll
    static void clientSide() throws java.io.IOException {
        dev.reactorstudio.runtime.coordinator.BrowserDriver.requireTestNetwork();
        clientAudio = new HeadlessAudioDeviceModule();
        clientFactory = new PeerConnectionFactory(clientAudio);
    }

    @AfterAll
    static void disposeClientSide() {
        clientFactory.dispose();
        clientAudio.dispose();
    }

    @Test
    void viewerDecodesSessionVideoAtModelSizeAndCommandsReachModel() throws Exception {
        StripesModel model = new StripesModel();
        try (SessionManager sessions = StripesModel.sessions(model);
             MediaEngine engine = new MediaEngine(MediaOptions.defaults());
             TestViewer viewer = new TestViewer(clientFactory)) {
            engine.attach(sessions);
            Session session = sessions.start();
            CommandGateway gateway = new CommandGateway(sessions);
            sessions.addMessageSink((id, message) -> engine.peerCount()); // no-op; messages are wired below
            ViewerPeer peer = engine.openPeer("t1", new PeerEvents() {
                @Override
                public void onDataChannel(ViewerPeer p, RTCDataChannel channel) {
                    DataChannelBridge bridge = DataChannelBridge.attach(p, channel, (b, text) ->
                            CommandEnvelope.parse(text).filter(CommandEnvelope::isApplication)
                                    .ifPresent(e -> gateway.dispatch(e.type(), e.data())));
                    sessions.addMessageSink((id, message) -> bridge.send(CommandEnvelope.application(message)));
                }
            });
            String offer = viewer.offer();
            SessionVideoSource video = engine.video(session.id()).get(5, TimeUnit.SECONDS);
            String answer = peer.answer(offer, video, viewer.videoMid(), null, Duration.ofSeconds(3))
                    .get(10, TimeUnit.SECONDS);
            assertThat(answer).contains("a=candidate:").contains("VP8");
            viewer.accept(answer);

            await().atMost(Duration.ofSeconds(20)).until(() -> viewer.frames.get() > 10);
            assertThat(viewer.width).isEqualTo(640);
            assertThat(viewer.height).isEqualTo(480);
            assertThat(peer.state()).isEqualTo(RTCPeerConnectionState.CONNECTED);
            var outbound = peer.stats().get(5, TimeUnit.SECONDS).getStats().values().stream()
                    .filter(s -> s.getType() == dev.onvoid.webrtc.RTCStatsType.OUTBOUND_RTP).findFirst().orElseThrow();
            assertThat(((Number) outbound.getAttributes().get("keyFramesEncoded")).longValue()).isPositive();
            assertThat(outbound.getAttributes()).containsKey("pliCount");
            org.slf4j.LoggerFactory.getLogger(MediaEngineTest.class).info("outbound-rtp: keyFramesEncoded={} pliCount={} nackCount={}",
                    outbound.getAttributes().get("keyFramesEncoded"), outbound.getAttributes().get("pliCount"),
                    outbound.getAttributes().get("nackCount"));

            await().atMost(Duration.ofSeconds(10)).until(viewer::channelOpen);
            viewer.send("{\"scope\":\"application\",\"data\":{\"type\":\"set_palette\",\"data\":{\"palette\":\"plaid\"}}}");
            viewer.send("{\"scope\":\"application\",\"data\":{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.received.stream()
                    .anyMatch(m -> m.contains("\"palette\":\"cool\"")));
            assertThat(model.palette).isEqualTo("cool");
            assertThat(viewer.received).noneMatch(m -> m.contains("plaid"));
            assertThat(JSON.readTree(viewer.received.get(0)).path("scope").asText()).isEqualTo("application");
            sessions.stop(EndReason.STOPPED);
        }
    }

    @Test
    void h264IsSentWhenTheClientPrefersIt() throws Exception {
        StripesModel model = new StripesModel();
        try (SessionManager sessions = StripesModel.sessions(model);
             MediaEngine engine = new MediaEngine(MediaOptions.defaults());
             TestViewer viewer = new TestViewer(clientFactory)) {
            engine.attach(sessions);
            Session session = sessions.start();
            ViewerPeer peer = engine.openPeer("h264", new PeerEvents() { });
            String offer = viewer.offer();
            String answer = peer.answer(offer, engine.video(session.id()).get(5, TimeUnit.SECONDS),
                    viewer.videoMid(), "H264", Duration.ofSeconds(3)).get(10, TimeUnit.SECONDS);
            assertThat(VideoCodecChoice.offeredCodecs(answer, viewer.videoMid())).first().isEqualTo("H264");
            assertThat(VideoCodecChoice.offeredCodecs(answer, viewer.videoMid())).doesNotContain("VP8");
            viewer.accept(answer);
            await().atMost(Duration.ofSeconds(20)).until(() -> viewer.frames.get() > 10);
            assertThat(viewer.width).isEqualTo(640);
        }
    }

    @Test
    void endingTheSessionClosesItsPeersAndTheirThreads() throws Exception {
        StripesModel model = new StripesModel();
        try (SessionManager sessions = StripesModel.sessions(model);
             MediaEngine engine = new MediaEngine(MediaOptions.defaults())) {
            engine.attach(sessions);
            Session session = sessions.start();
            for (int i = 0; i < 3; i++) {
                try (TestViewer viewer = new TestViewer(clientFactory)) {
                    ViewerPeer peer = engine.openPeer("cycle-" + i, new PeerEvents() { });
                    String answer = peer.answer(viewer.offer(), engine.video(session.id()).get(5, TimeUnit.SECONDS),
                            viewer.videoMid(), null, Duration.ofSeconds(3)).get(10, TimeUnit.SECONDS);
                    viewer.accept(answer);
                    await().atMost(Duration.ofSeconds(20)).until(() -> viewer.frames.get() > 3);
                    if (i < 2) {
                        peer.close().get(5, TimeUnit.SECONDS);
                        assertThat(engine.nativePeerCount()).isZero();
                    } else {
                        sessions.stop(EndReason.STOPPED);
                        session.ended().get(10, TimeUnit.SECONDS);
                        await().atMost(Duration.ofSeconds(10)).until(() -> engine.nativePeerCount() == 0);
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> peerThreads() == 0);
            assertThat(engine.peerCount()).isZero();
        }
    }

    private static long peerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("reactor-peer-")).count();
    }
}
