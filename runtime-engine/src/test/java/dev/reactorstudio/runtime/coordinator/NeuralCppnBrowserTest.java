package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unmodified JS SDK in Chromium watching examples/neural-cppn: a DJL model with its shipped
 * weights, tensors to WebRTC, served exactly as {@code reactor run} serves it, inside the test
 * network namespace.
 */
@Tag("webrtc")
class NeuralCppnBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralCppnBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ObjectNode> modelMessages = new CopyOnWriteArrayList<>();
    private static StackUnderTest stack;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        stack = StackUnderTest.example("neural-cppn", BrowserDriver.SERVER_ADDRESS, Map.of(), HostOptions.defaults());
        stack.sessions().addMessageSink((id, message) -> modelMessages.add(message));
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sdkStreamsTheNeuralModelSetsItsPaletteRejectsAnUnknownOneAndDisconnectStopsTheSession() throws Exception {
        Map<String, Object> spec = Map.of("model", "neural-cppn",
                "command", "set_palette", "args", Map.of("palette", "cool"), "expect", Map.of("type", "state", "palette", "cool"),
                "invalid", Map.of("command", "set_palette", "args", Map.of("palette", "sepia")));

        JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "command", JSON.writeValueAsString(spec));

        assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
        JsonNode progress = r.path("latestByType").path("progress");
        // Measurements for the record (not asserted: timings depend on the machine).
        System.out.printf("neural-cppn via the JS SDK: ready after %d ms, first frame %d ms after connect, %.1f fps presented;"
                + " model reports %s fps generated, %s fps emitted; %s%n", r.path("readyMs").asInt(),
                r.path("firstFrameMs").asInt(), r.path("fps").asDouble(), progress.path("fps"),
                progress.path("emitted_fps"), stack.media.stats());
        CommandScenarioResult.assertStreamedAndRejectedTheInvalidCommand(r, "palette sepia");
        assertThat(r.path("matched").path("palette").asText()).isEqualTo("cool");

        // Well inside the 30 s orphan timeout: only the disconnect's stop ends the session this fast.
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.sessions().current().isEmpty());
        assertThat(modelMessages).noneMatch(m -> "sepia".equals(m.path("palette").asText()));
    }
}
