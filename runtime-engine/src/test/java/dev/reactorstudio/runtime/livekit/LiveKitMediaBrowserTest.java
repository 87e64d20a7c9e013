package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.coordinator.UnpublishSeenByModel;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two-way media on the LiveKit path: the unmodified {@code livekit-client} in headless Chromium,
 * with a fake camera of a known colour and a fake microphone playing a tone, publishes them as
 * {@code webcam} and {@code mic} to {@code examples/webcam-mirror} through our media server. The
 * model's own {@code input_stats} / {@code audio_stats} say what it saw and heard, the page hears
 * the model's {@code main_audio} track, a second publisher of the same inputs is refused, and
 * unpublishing the camera is visible to the model. Runs only inside {@code scripts/netns-run}.
 */
@Tag("webrtc")
class LiveKitMediaBrowserTest {
    private static final Path E2E = WebcamMirrorRoom.E2E;
    private static final int[] COLOUR = {200, 60, 30};

    private static WebcamMirrorRoom room;
    private static SessionManager sessions;
    private static MediaEngine media;
    private static LiveKitServer server;

    @BeforeAll
    static void startServices() throws Exception {
        room = WebcamMirrorRoom.start(COLOUR, Duration.ofSeconds(5));
        sessions = room.sessions();
        media = room.media();
        server = room.server();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void theModelSeesTheCameraHearsTheMicAndThePageHearsTheModel() throws Exception {
        Map<String, Object> config = room.pageConfig("publisher-a", "publisher-b");

        JsonNode r = BrowserViewer.run(E2E, "media.mjs", config);
        System.out.println("livekit media result: " + r);

        // The join announces the model's tracks: capabilities in the room metadata, main_audio subscribed.
        assertThat(r.path("a").path("roomMetadata").asText()).contains("\"name\":\"webcam\"")
                .contains("\"direction\":\"sendonly\"").contains("\"name\":\"main_audio\"");
        assertThat(r.path("subscribed").toString()).contains("\"track\":\"main_video\"")
                .contains("\"track\":\"main_audio\",\"kind\":\"audio\"");
        assertThat(r.path("published").toString()).contains("\"name\":\"webcam\"").contains("\"name\":\"mic\"");
        JsonNode mean = r.path("inputStats").path("mean");
        for (int c = 0; c < 3; c++) {
            assertThat(mean.get(c).asDouble()).as("channel %d of what the model saw", c).isCloseTo(COLOUR[c], within(16.0));
        }
        assertThat(r.path("inputStats").path("frames").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("audioStats").path("rms").asDouble()).as("tone RMS at the model").isGreaterThan(0.05);
        assertThat(r.path("pageAudio").path("peakRms").asDouble()).as("model audio heard by the page").isGreaterThan(0.01);
        for (int c = 0; c < 3; c++) {
            assertThat(r.path("mirroredColour").get(c).asDouble()).isCloseTo(COLOUR[c], within(24.0));
        }
        // First publisher wins: B's webcam and mic are refused, saying why; nothing of B's was published.
        assertThat(r.path("refusals")).hasSize(2).allSatisfy(error -> {
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("data").path("code").asText()).isEqualTo("TRACK_PUBLISH_REFUSED");
            assertThat(error.path("data").path("message").asText()).contains("first publisher wins");
        });
        assertThat(r.path("bPublished")).isEmpty();
        // After A unpublished its camera the model sees it stop, receives no frame after that and shows
        // its (dark) waiting card.
        UnpublishSeenByModel.assertNoFramesAfterTheModelSawTheUnpublish(r);
        assertThat(r.path("waitingAgainColour").get(0).asInt()).isLessThan(100);
        assertThat(r.path("reconnects").asInt()).isZero();
        // Both viewers left: their inputs are released and their peers are gone.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.viewerCount() == 0 && media.nativePeerCount() == 0
                && media.remoteInputCount() == 0);
        sessions.current().ifPresent(s -> {
            assertThat(s.inputs().publisher("webcam")).isNull();
            assertThat(s.inputs().publisher("mic")).isNull();
        });
    }
}
