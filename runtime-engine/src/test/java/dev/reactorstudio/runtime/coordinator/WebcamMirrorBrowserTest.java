package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.CaptureThreadWatch;
import dev.reactorstudio.runtime.session.EndReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-way media through the unmodified JS SDK 2.9.0 in headless Chromium and examples/webcam-mirror:
 * a fake camera of a known colour and a fake microphone playing a tone, published with
 * {@code reactor.publishTrack}, reach the model (its own input_stats / audio_stats say what it saw
 * and heard), the page hears the model's audio track, a second publisher is refused, and
 * unpublishing is visible to the model.
 */
@Tag("webrtc")
class WebcamMirrorBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(WebcamMirrorBrowserTest.class);
    static final int[] COLOUR = {200, 60, 30};
    private static StackUnderTest stack;
    private static Path devices;
    private static CaptureThreadWatch captureWatch;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        devices = Files.createTempDirectory("fake-devices-");
        FakeDevices.y4m(devices.resolve("camera.y4m"), 320, 240, 30, COLOUR, false);
        FakeDevices.wav(devices.resolve("tone.wav"), 440, 0.5, 2);
        stack = StackUnderTest.example("webcam-mirror", BrowserDriver.SERVER_ADDRESS, Map.of(), HostOptions.defaults());
        captureWatch = CaptureThreadWatch.start(stack.media);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (captureWatch != null) {
            captureWatch.close();
        }
        if (stack != null) {
            stack.close();
        }
        FakeDevices.deleteFolder(devices);
    }

    /**
     * Every start of the audio module's capture thread so far happened while the engine's fence was
     * up (libwebrtc starts it when a viewer's senders start; an unfenced start can meet the engine's
     * stop on another thread: a hang or an abort).
     */
    private static void assertCaptureStartsFenced() {
        assertThat(captureWatch.fencedStarts() + captureWatch.unjudgedStarts())
                .as("capture thread starts seen (a sender started)").isPositive();
        assertThat(captureWatch.unfencedStarts()).as("capture threads started outside the fence").isEmpty();
        LOG.info("capture thread starts: {} fenced, {} not judged (watch starved)",
                captureWatch.fencedStarts(), captureWatch.unjudgedStarts());
    }

    private static JsonNode browser(String... scenario) throws Exception {
        String[] args = new String[scenario.length + 4];
        args[0] = "--video-file";
        args[1] = devices.resolve("camera.y4m").toString();
        args[2] = "--audio-file";
        args[3] = devices.resolve("tone.wav").toString();
        System.arraycopy(scenario, 0, args, 4, scenario.length);
        JsonNode result = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), args);
        assertThat(result.path("ok").asBoolean()).as("browser scenario %s: %s", scenario[0], result).isTrue();
        return result;
    }

    @Test
    void theModelSeesTheCameraHearsTheMicAndThePageHearsTheModel() throws Exception {
        JsonNode r = browser("media");
        System.out.println("media result: " + r);
        assertThat(r.path("capabilities").toString()).contains("\"name\":\"webcam\"").contains("\"direction\":\"sendonly\"")
                .contains("\"name\":\"main_audio\"");
        JsonNode mean = r.path("inputStats").path("mean");
        for (int c = 0; c < 3; c++) {
            assertThat(mean.get(c).asDouble()).as("channel %d of what the model saw", c).isCloseTo(COLOUR[c],
                    org.assertj.core.data.Offset.offset(16.0));
        }
        assertThat(r.path("inputStats").path("frames").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("audioStats").path("rms").asDouble()).as("tone RMS at the model").isGreaterThan(0.05);
        assertThat(r.path("audioStats").path("samples").asLong()).isGreaterThan(48_000 / 2);
        assertThat(r.path("pageAudio").path("peakRms").asDouble()).as("model audio heard by the page").isGreaterThan(0.01);
        // The output is the camera picture (mirroring a flat colour changes nothing), not the waiting card.
        for (int c = 0; c < 3; c++) {
            assertThat(r.path("mirroredColour").get(c).asDouble()).isCloseTo(COLOUR[c], org.assertj.core.data.Offset.offset(24.0));
        }
        assertThat(r.path("refusal").path("data").path("code").asText()).isEqualTo("TRACK_PUBLISH_REFUSED");
        assertThat(r.path("refusal").path("data").path("message").asText()).contains("first publisher wins");
        // After unpublishing, the model sees the webcam stop, receives no frame after that, and shows
        // its card (dark, not the camera's red).
        UnpublishSeenByModel.assertNoFramesAfterTheModelSawTheUnpublish(r);
        assertThat(r.path("waitingAgainColour").get(0).asInt()).isLessThan(100);
        assertThat(r.path("errors")).isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.sessions().current().isEmpty());
        assertCaptureStartsFenced();
    }

    @Test
    void fiftyPublishCyclesOnTenPeersLeaveThreadsPeersSourcesAndInputFeedsWhereTheyStarted() throws Exception {
        // One cycle first: lazily started threads (HTTP client, media video thread, Java2D) are not leaks.
        browser("pubcycles", "1");
        endSessionAndSettle();
        java.util.Set<String> namesBefore = threadNames();
        int threadsBefore = namesBefore.size();
        JsonNode r = browser("pubcycles", "50");
        assertThat(r.path("cycles").asInt()).isEqualTo(50);
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.media.nativePeerCount() == 0);
        // The model's view before its session ends: no stale publisher, both inputs stopped.
        stack.sessions().current().ifPresent(s -> {
            for (String input : java.util.List.of("webcam", "mic")) {
                assertThat(s.inputs().publisher(input)).as("publisher of %s after the cycles", input).isNull();
                assertThat(s.inputs().isLive(input)).as("%s live after the cycles", input).isFalse();
            }
        });
        endSessionAndSettle();
        assertCaptureStartsFenced();
        assertThat(stack.media.remoteInputCount()).isZero();
        assertThat(stack.media.sourceCount().get()).isZero();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Thread.getAllStackTraces().size() <= threadsBefore);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            java.util.Set<String> extra = threadNames();
            extra.removeAll(namesBefore);
            throw new AssertionError("threads left after the cycles: " + extra, e);
        }
    }

    private static void endSessionAndSettle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.media.nativePeerCount() == 0);
        stack.sessions().stop(EndReason.STOPPED);
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.sessions().current().isEmpty());
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.media.sourceCount().get() == 0);
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName() + "#" + t.getId()));
        return names;
    }
}
