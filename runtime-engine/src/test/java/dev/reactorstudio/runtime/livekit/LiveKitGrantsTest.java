package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.google.protobuf.ByteString;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitModels.UserPacket;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.JoinResponse;
import livekit.LivekitRtc.RequestResponse;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token's grants and the pending-join cap, enforced by the media server over a real signal
 * WebSocket on loopback (the WebRTC side is {@link FakeNegotiation}). The model declares one
 * input, a {@code webcam} video track. (Which names and kinds may be published once the token
 * allows it is {@code LiveKitPublishSignalingTest}'s.)
 */
class LiveKitGrantsTest {
    private static final DeclaredTracks WEBCAM_IN = new DeclaredTracks(List.of(new TrackSpec("webcam", TrackKind.VIDEO)),
            DeclaredTracks.DEFAULT.outputs(), true);
    private final FakeNegotiation.Recorder negotiations = new FakeNegotiation.Recorder();
    private final SessionManager manager;
    private LiveKitServer server;

    LiveKitGrantsTest() {
        PaletteModel model = new PaletteModel(64, 48);
        manager = new SessionManager(model, model, SessionSettings.defaults().withDefaultSize(64, 48)
                .withStopGrace(Duration.ofSeconds(2)).withTracks(WEBCAM_IN));
    }

    private void start(Limits limits) {
        server = new LiveKitServer(new LiveKitTokens(LiveKitCredentials.DEV), () -> Optional.of(manager), negotiations,
                m -> { }, SecurityOptions.defaults().withLimits(limits)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        manager.close();
    }

    /** A token as a user would sign it with livekit-server-sdk: these video grants on top of roomJoin/room. */
    private static String token(String identity, Map<String, Object> grants) {
        Map<String, Object> video = new LinkedHashMap<>(Map.of("roomJoin", true, "room", "local"));
        video.putAll(grants);
        return JWT.create().withIssuer("devkey").withSubject(identity)
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .withClaim("video", video).sign(Algorithm.HMAC256("secret"));
    }

    private URI v0(String token) {
        return URI.create(server.url() + "/rtc?access_token=" + token + "&auto_subscribe=1&sdk=js&version=2.23.0&protocol=17");
    }

    private static SignalRequest addTrack(String name, TrackType type) {
        return SignalRequest.newBuilder().setAddTrack(AddTrackRequest.newBuilder().setCid("cid-" + name).setName(name)
                .setType(type).setSource(type == TrackType.VIDEO ? TrackSource.CAMERA : TrackSource.MICROPHONE)).build();
    }

    @Test
    void withoutCanPublishAnAddTrackIsRefusedAsNotAllowedAndCounted() throws Exception {
        start(Limits.defaults());
        try (SignalTestClient client = SignalTestClient.connect(v0(token("watcher", Map.of("canPublish", false))))) {
            JoinResponse join = client.next(SignalResponse.MessageCase.JOIN).getJoin();
            assertThat(join.getParticipant().getPermission().getCanPublish())
                    .as("the client is told, so it does not try").isFalse();

            client.send(addTrack("webcam", TrackType.VIDEO));

            RequestResponse refusal = client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse();
            assertThat(refusal.getReason()).isEqualTo(RequestResponse.Reason.NOT_ALLOWED);
            assertThat(refusal.getMessage()).contains("canPublish");
            assertThat(refusal.getAddTrack().getCid()).isEqualTo("cid-webcam");
            assertThat(server.publicationsRefused()).isEqualTo(1);
        }
    }

    @Test
    void withCanPublishTheDeclaredInputIsPublished() throws Exception {
        start(Limits.defaults());
        try (SignalTestClient client = SignalTestClient.connect(v0(token("camera", Map.of("canPublish", true))))) {
            assertThat(client.next(SignalResponse.MessageCase.JOIN).getJoin().getParticipant().getPermission()
                    .getCanPublish()).isTrue();

            client.send(addTrack("webcam", TrackType.VIDEO));

            assertThat(client.next(SignalResponse.MessageCase.TRACK_PUBLISHED).getTrackPublished().getTrack().getName())
                    .isEqualTo("webcam");
            assertThat(server.publicationsRefused()).isZero();
        }
    }

    @Test
    void aSourceOutsideCanPublishSourcesIsRefused() throws Exception {
        start(Limits.defaults());
        String micOnly = token("mic", Map.of("canPublish", true, "canPublishSources", List.of("microphone")));
        try (SignalTestClient client = SignalTestClient.connect(v0(micOnly))) {
            assertThat(client.next(SignalResponse.MessageCase.JOIN).getJoin().getParticipant().getPermission()
                    .getCanPublishSourcesList()).containsExactly(TrackSource.MICROPHONE);

            client.send(addTrack("webcam", TrackType.VIDEO));

            RequestResponse refusal = client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse();
            assertThat(refusal.getReason()).isEqualTo(RequestResponse.Reason.NOT_ALLOWED);
            assertThat(refusal.getMessage()).contains("camera").contains("canPublishSources");
        }
    }

    @Test
    void withoutCanPublishDataCommandsAreDroppedAndCountedAndTheModelNeverSeesThem() throws Exception {
        start(Limits.defaults());
        try (SignalTestClient client = SignalTestClient.connect(v0(token("mute", Map.of("canPublishData", false))))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            // An invalid command would get a commandError back if it were decoded; a valid one would change the model.
            negotiation.signals.onData(userPacket("{\"type\":\"set_palette\",\"data\":{\"palette\":\"plaid\"}}"));
            negotiation.signals.onData(userPacket("{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}"));

            await().until(() -> server.dataPacketsRefused() == 2);
            Thread.sleep(300);
            assertThat(negotiation.sentData).as("no reply: nothing was decoded or run").isEmpty();
            assertThat(manager.stats().commandsOk()).as("the model ran no command").isEmpty();
            assertThat(manager.stats().commandsRejected()).as("nor judged one").isEmpty();
        }
    }

    @Test
    void withoutCanSubscribeTheViewerJoinsButItsNegotiationCarriesNoTrack() throws Exception {
        start(Limits.defaults());
        try (SignalTestClient client = SignalTestClient.connect(v0(token("controller", Map.of("canSubscribe", false))))) {
            JoinResponse join = client.next(SignalResponse.MessageCase.JOIN).getJoin();

            assertThat(join.getParticipant().getPermission().getCanSubscribe()).isFalse();
            assertThat(negotiations.next().viewer.grant().canSubscribe())
                    .as("the negotiation attaches no video for it").isFalse();
        }
    }

    @Test
    void joinsThatNeverConnectAreCappedAndDroppedAfterTheirLifetime() throws Exception {
        start(Limits.defaults().withPendingPeers(1, Duration.ofSeconds(2)));
        try (SignalTestClient first = SignalTestClient.connect(v0(token("slow", Map.of())))) {
            first.next(SignalResponse.MessageCase.JOIN);
            assertThat(server.pendingJoins()).isEqualTo(1);

            CompletionException refused = catchThrowableOfType(CompletionException.class,
                    () -> SignalTestClient.connect(v0(token("second", Map.of()))));
            assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(429);
            HttpResponse<String> validate = validate(token("second", Map.of()));
            assertThat(validate.statusCode()).isEqualTo(429);
            assertThat(validate.body()).contains("--max-pending-peers");

            // Never connected: told why after the lifetime, its socket closed, its seat free again.
            assertThat(first.next(SignalResponse.MessageCase.LEAVE).getLeave().getReason())
                    .isEqualTo(DisconnectReason.JOIN_FAILURE);
            await().until(() -> server.pendingJoins() == 0 && server.viewerCount() == 0);
            assertThat(validate(token("third", Map.of())).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConnectedViewerIsNoLongerPendingAndStays() throws Exception {
        start(Limits.defaults().withPendingPeers(1, Duration.ofSeconds(1)));
        try (SignalTestClient client = SignalTestClient.connect(v0(token("fast", Map.of())))) {
            client.next(SignalResponse.MessageCase.JOIN);

            negotiations.next().signals.onConnected();

            await().until(() -> server.pendingJoins() == 0);
            Thread.sleep(1500);
            assertThat(server.viewerCount()).as("past the lifetime, still watching").isEqualTo(1);
            assertThat(validate(token("next", Map.of())).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> validate(String token) throws Exception {
        String http = server.url().replace("ws://", "http://");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + "/rtc/validate?access_token="
                + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ByteBuffer userPacket(String text) {
        return ByteBuffer.wrap(DataPacket.newBuilder().setKind(DataPacket.Kind.RELIABLE)
                .setUser(UserPacket.newBuilder().setTopic("application")
                        .setPayload(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
                .build().toByteArray());
    }
}
