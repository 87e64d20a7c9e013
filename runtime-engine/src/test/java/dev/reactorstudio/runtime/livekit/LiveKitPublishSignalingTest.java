package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.JoinResponse;
import livekit.LivekitRtc.RequestResponse;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.TrackPublishedResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing into the model's declared inputs over real signaling (loopback WebSocket, WebRTC
 * replaced by {@link FakeNegotiation}): what the join announces, which {@code add_track} requests
 * are accepted, and how a refusal reads. The media itself is {@code LiveKitMediaBrowserTest}'s.
 */
class LiveKitPublishSignalingTest {
    private static final DeclaredTracks TRACKS = new DeclaredTracks(
            List.of(new TrackSpec("webcam", TrackKind.VIDEO), new TrackSpec("mic", TrackKind.AUDIO)),
            List.of(new TrackSpec("main_video", TrackKind.VIDEO), new TrackSpec("main_audio", TrackKind.AUDIO)), true);
    private final ObjectMapper json = new ObjectMapper();
    private final LiveKitTokens tokens = new LiveKitTokens(LiveKitCredentials.DEV);
    private final FakeNegotiation.Recorder negotiations = new FakeNegotiation.Recorder();
    private SessionManager manager;
    private LiveKitServer server;

    @BeforeEach
    void start() {
        PaletteModel model = new PaletteModel(64, 48);
        manager = new SessionManager(model, model, SessionSettings.defaults().withDefaultSize(64, 48)
                .withStopGrace(Duration.ofSeconds(2)).withTracks(TRACKS));
        server = new LiveKitServer(tokens, () -> Optional.of(manager), negotiations, m -> { }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
    }

    private SignalTestClient join(String identity) {
        return SignalTestClient.connect(URI.create(server.url() + "/rtc?access_token="
                + tokens.mint(identity, "local", Duration.ofMinutes(5), true) + "&auto_subscribe=1&sdk=js&protocol=17"));
    }

    private static SignalRequest addTrack(String cid, String name, TrackType type) {
        return SignalRequest.newBuilder().setAddTrack(AddTrackRequest.newBuilder().setCid(cid).setName(name)
                .setType(type).setSource(type == TrackType.VIDEO ? TrackSource.CAMERA : TrackSource.MICROPHONE)
                .setWidth(type == TrackType.VIDEO ? 320 : 0).setHeight(type == TrackType.VIDEO ? 240 : 0)).build();
    }

    @Test
    void theJoinAnnouncesTheModelsAudioTrackItsCapabilitiesAndLetsTheViewerPublish() throws Exception {
        try (SignalTestClient client = join("viewer-1")) {
            JoinResponse join = client.next(SignalResponse.MessageCase.JOIN).getJoin();

            assertThat(join.getParticipant().getPermission().getCanPublish()).as("the model declares inputs").isTrue();
            ParticipantInfo model = join.getOtherParticipants(0);
            assertThat(model.getTracksList()).extracting(TrackInfo::getName, TrackInfo::getType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("main_video", TrackType.VIDEO),
                            org.assertj.core.groups.Tuple.tuple("main_audio", TrackType.AUDIO));
            assertThat(model.getTracks(1).getSid()).startsWith("TR_").isNotEqualTo(model.getTracks(0).getSid());
            JsonNode capabilities = json.readTree(join.getRoom().getMetadata());
            assertThat(capabilities.path("tracks").toString()).isEqualTo("[{\"name\":\"main_video\",\"kind\":\"video\","
                    + "\"direction\":\"recvonly\"},{\"name\":\"main_audio\",\"kind\":\"audio\",\"direction\":\"recvonly\"},"
                    + "{\"name\":\"webcam\",\"kind\":\"video\",\"direction\":\"sendonly\"},"
                    + "{\"name\":\"mic\",\"kind\":\"audio\",\"direction\":\"sendonly\"}]");
            assertThat(model.getMetadata()).isEqualTo(join.getRoom().getMetadata());
        }
    }

    @Test
    void aTrackNamedAfterAFreeDeclaredInputIsPublishedAndItsMediaWillFeedThatInput() throws Exception {
        try (SignalTestClient client = join("viewer-1")) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            client.send(addTrack("cam-cid", "webcam", TrackType.VIDEO));
            TrackPublishedResponse published = client.next(SignalResponse.MessageCase.TRACK_PUBLISHED).getTrackPublished();

            assertThat(published.getCid()).isEqualTo("cam-cid");
            assertThat(published.getTrack().getName()).isEqualTo("webcam");
            assertThat(published.getTrack().getSid()).startsWith("TR_");
            assertThat(published.getTrack().getType()).isEqualTo(TrackType.VIDEO);
            assertThat(published.getTrack().getWidth()).isEqualTo(320);
            InputPublications.Feed feed = negotiation.signals.inputFor("cam-cid").orElseThrow();
            assertThat(feed.name()).isEqualTo("webcam");
            assertThat(feed.inputs()).isSameAs(manager.current().orElseThrow().inputs());
            assertThat(negotiation.signals.inputFor("some-other-cid")).isEmpty();
            // Announcing is not holding: the input is claimed when its media arrives.
            assertThat(manager.current().orElseThrow().inputs().publisher("webcam")).isNull();
        }
    }

    @Test
    void anUndeclaredNameOrKindIsRefusedNamingTheDeclaredInputs() throws Exception {
        try (SignalTestClient client = join("viewer-1")) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            client.send(addTrack("cid-1", "camera", TrackType.VIDEO));
            RequestResponse refusal = client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse();

            assertThat(refusal.getReason()).isEqualTo(RequestResponse.Reason.NOT_ALLOWED);
            assertThat(refusal.getAddTrack().getCid()).isEqualTo("cid-1");
            assertThat(refusal.getMessage()).contains("no video input named \"camera\"")
                    .contains("webcam (video), mic (audio)");
            assertRuntimeError(negotiation, "camera", "no video input named \"camera\"");

            client.send(addTrack("cid-2", "mic", TrackType.VIDEO));
            assertThat(client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse().getMessage())
                    .as("the right name with the wrong kind").contains("no video input named \"mic\"");
            client.send(addTrack("cid-3", "", TrackType.VIDEO));
            assertThat(client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse().getMessage())
                    .contains("publishTrack(track, {name: \"webcam\"})");
            assertThat(negotiation.signals.inputFor("cid-1")).isEmpty();
        }
    }

    @Test
    void aSecondPublisherOfAHeldInputIsRefusedFirstPublisherWins() throws Exception {
        try (SignalTestClient client = join("viewer-2")) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();
            Session session = manager.current().orElseThrow();
            session.inputs().claim("mic", TrackKind.AUDIO, "livekit:viewer-1#7");

            client.send(addTrack("mic-cid", "mic", TrackType.AUDIO));
            RequestResponse refusal = client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse();

            assertThat(refusal.getMessage()).contains("already published by another client (livekit:viewer-1#7)")
                    .contains("first publisher wins");
            assertRuntimeError(negotiation, "mic", "first publisher wins");
            assertThat(negotiation.signals.inputFor("mic-cid")).isEmpty();
            assertThat(session.inputs().publisher("mic")).isEqualTo("livekit:viewer-1#7");

            session.inputs().release("mic", "livekit:viewer-1#7");
            client.send(addTrack("mic-cid", "mic", TrackType.AUDIO));
            assertThat(client.next(SignalResponse.MessageCase.TRACK_PUBLISHED).getTrackPublished().getTrack().getName())
                    .as("free again once the holder stopped").isEqualTo("mic");
        }
    }

    @Test
    void aConnectionCannotAnnounceTracksWithoutBound() throws Exception {
        try (SignalTestClient client = join("viewer-1")) {
            client.next(SignalResponse.MessageCase.JOIN);
            for (int i = 0; i < InputPublications.MAX_PUBLICATIONS; i++) {
                client.send(addTrack("cid-" + i, "webcam", TrackType.VIDEO));
                client.next(SignalResponse.MessageCase.TRACK_PUBLISHED);
            }
            client.send(addTrack("one-more", "webcam", TrackType.VIDEO));
            assertThat(client.next(SignalResponse.MessageCase.REQUEST_RESPONSE).getRequestResponse().getMessage())
                    .contains("already publishes " + InputPublications.MAX_PUBLICATIONS + " tracks");
        }
    }

    private void assertRuntimeError(FakeNegotiation negotiation, String track, String text) throws Exception {
        DataPacketCodec.UserMessage message = DataPacketCodec.decode(negotiation.nextData()).orElseThrow();
        assertThat(message.topic()).isEqualTo("runtime");
        JsonNode error = json.readTree(message.payload());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("data").path("code").asText()).isEqualTo("TRACK_PUBLISH_REFUSED");
        assertThat(error.path("data").path("track").asText()).isEqualTo(track);
        assertThat(error.path("data").path("message").asText()).contains(text);
    }
}
