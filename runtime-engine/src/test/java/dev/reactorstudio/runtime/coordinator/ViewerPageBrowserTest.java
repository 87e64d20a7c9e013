package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.host.HostOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's built-in viewer page ({@code GET /}, no build step) in headless Chromium:
 * what a user opens from the URL {@code reactor run} prints. Inside the test network namespace.
 */
@Tag("webrtc")
class ViewerPageBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerPageBrowserTest.class);

    @Test
    void viewerPagePlaysTheStreamRendersCommandsAndListsMessages() throws Exception {
        BrowserDriver.requireNamespace();
        try (StackUnderTest stack = StackUnderTest.helloPattern(BrowserDriver.SERVER_ADDRESS, Map.of())) {
            JsonNode r = BrowserDriver.runScript("viewer-page.mjs", List.of("--api", stack.apiUrl()),
                    line -> LOG.info("{}", line));
            assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.path("videoWidth").asInt()).isEqualTo(640);
            assertThat(r.path("videoHeight").asInt()).isEqualTo(480);
            assertThat(r.path("frames").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(r.path("controls")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("set_speed", "set_palette", "reset");
            // Disconnect on the page stops the session (POST /stop_session) — well before the 30 s
            // orphan timeout could end it instead.
            await().atMost(Duration.ofSeconds(10)).until(() -> stack.sessions().current().isEmpty());
        }
    }

    @Test
    void viewerPagePlaysTheModelsAudioOutput() throws Exception {
        BrowserDriver.requireNamespace();
        // webcam-mirror sings a 220 Hz tone (amplitude 6000 of 32767: RMS about 0.13) while it waits for a webcam.
        try (StackUnderTest stack = StackUnderTest.example("webcam-mirror", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults())) {
            JsonNode r = BrowserDriver.runScript("viewer-page.mjs", List.of("--api", stack.apiUrl(), "--audio"),
                    line -> LOG.info("{}", line));
            assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.path("peakRms").asDouble()).as("the model's tone heard by the page").isGreaterThan(0.05);
            await().atMost(Duration.ofSeconds(10)).until(() -> stack.sessions().current().isEmpty());
        }
    }
}
