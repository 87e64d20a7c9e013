package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.python.PythonSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-way media from a Python model: the unmodified JS SDK 2.9.0 in headless Chromium publishes a
 * fake camera of a known colour and a fake microphone playing a tone to examples/python-echo (behind
 * the Python bridge). The model's own input_stats / audio_stats say what it saw and heard, the page
 * sees the echoed picture and hears the model's tone, a second publisher is refused, and after the
 * unpublish the model shows its waiting card again. The same browser scenario as
 * {@link WebcamMirrorBrowserTest}, pointed at the Python example.
 */
@Tag("webrtc")
class PythonEchoBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(PythonEchoBrowserTest.class);
    private static final int[] COLOUR = WebcamMirrorBrowserTest.COLOUR;
    private static StackUnderTest stack;
    private static Path devices;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        devices = Files.createTempDirectory("fake-devices-");
        FakeDevices.y4m(devices.resolve("camera.y4m"), 320, 240, 30, COLOUR, false);
        FakeDevices.wav(devices.resolve("tone.wav"), 440, 0.5, 2);
        stack = StackUnderTest.example("python-echo", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults().withPython(PythonSupport.options()));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (stack != null) {
            stack.close();
        }
        FakeDevices.deleteFolder(devices);
    }

    @Test
    void thePythonModelSeesTheCameraHearsTheMicAndThePageSeesAndHearsIt() throws Exception {
        JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "--video-file",
                devices.resolve("camera.y4m").toString(), "--audio-file", devices.resolve("tone.wav").toString(),
                "--model", "python-echo", "media");
        assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
        System.out.println("python-echo media result: " + r);
        assertThat(r.path("capabilities").toString()).contains("\"name\":\"webcam\"").contains("\"direction\":\"sendonly\"")
                .contains("\"name\":\"mic\"").contains("\"name\":\"main_audio\"");
        JsonNode mean = r.path("inputStats").path("mean");
        for (int c = 0; c < 3; c++) {
            assertThat(mean.get(c).asDouble()).as("channel %d of what the Python model saw", c)
                    .isCloseTo(COLOUR[c], Offset.offset(16.0));
        }
        assertThat(r.path("inputStats").path("frames").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("audioStats").path("rms").asDouble()).as("tone RMS at the Python model").isGreaterThan(0.05);
        assertThat(r.path("pageAudio").path("peakRms").asDouble()).as("the model's tone heard by the page").isGreaterThan(0.01);
        // The page shows the echoed camera (mirroring a flat colour changes nothing), not the waiting card.
        for (int c = 0; c < 3; c++) {
            assertThat(r.path("mirroredColour").get(c).asDouble()).isCloseTo(COLOUR[c], Offset.offset(24.0));
        }
        assertThat(r.path("refusal").path("data").path("code").asText()).isEqualTo("TRACK_PUBLISH_REFUSED");
        // After the unpublish no frame reaches the Python model once it saw the webcam stop, and the
        // card is back (dark, not the camera's red).
        UnpublishSeenByModel.assertNoFramesAfterTheModelSawTheUnpublish(r);
        assertThat(r.path("waitingAgainColour").get(0).asInt()).isLessThan(100);
        assertThat(r.path("errors")).isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> stack.sessions().current().isEmpty());
    }
}
