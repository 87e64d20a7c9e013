package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.livekit.BrowserViewer;
import dev.reactorstudio.runtime.livekit.ViewerPageServer;
import dev.reactorstudio.runtime.python.PythonSupport;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * examples/python-noise, unchanged (a seed-style Python model behind the Python bridge), watched
 * through both browser clients: the unmodified JS SDK via the coordinator and livekit-client via
 * the media server, all inside the test network namespace.
 */
@Tag("webrtc")
class PythonNoiseBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(PythonNoiseBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ObjectNode> modelMessages = new CopyOnWriteArrayList<>();
    private static final List<String> starts = new CopyOnWriteArrayList<>();
    private static final Map<String, EndReason> endings = new java.util.concurrent.ConcurrentHashMap<>();
    private static StackUnderTest stack;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        // A short orphan timeout: a LiveKit viewer that left ends its session within seconds.
        stack = StackUnderTest.example("python-noise", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults().withPython(PythonSupport.options()).withOrphanTimeout(Duration.ofSeconds(3)));
        stack.sessions().addMessageSink((id, message) -> modelMessages.add(message));
        stack.sessions().addListener(event -> {
            if (event.type() == SessionEvent.Type.STARTED) {
                starts.add(event.sessionId());
            } else if (event.type() == SessionEvent.Type.ENDED) {
                endings.put(event.sessionId(), event.endReason()); // keyed: a late event of another test cannot mislead
            }
        });
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Each test starts with no session, so neither sees the other's mode. */
    @AfterEach
    void sessionEnds() {
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.sessions().current().isEmpty());
        modelMessages.clear();
        starts.clear();
    }

    @Test
    void sdkStreamsPythonNoiseSetsBarsRejectsAnOutOfRangeIntensityAndDisconnectStopsTheSession() throws Exception {
        Map<String, Object> spec = Map.of("model", "python-noise",
                "command", "set_mode", "args", Map.of("mode", "bars"), "expect", Map.of("type", "state", "mode", "bars"),
                "invalid", Map.of("command", "set_intensity", "args", Map.of("intensity", 1.5)));

        JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "command", JSON.writeValueAsString(spec));

        assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
        // Measurements for the record (not asserted: timings depend on the machine).
        System.out.printf("python-noise via the JS SDK: ready after %d ms, first frame %d ms after connect, %.1f fps presented;"
                + " latest %s; %s%n", r.path("readyMs").asInt(), r.path("firstFrameMs").asInt(), r.path("fps").asDouble(),
                r.path("latestByType"), stack.media.stats());
        CommandScenarioResult.assertStreamedAndRejectedTheInvalidCommand(r, "intensity 1.5");
        assertThat(r.path("matched").path("type").asText()).isEqualTo("state");
        assertThat(r.path("matched").path("mode").asText()).isEqualTo("bars");

        await().atMost(Duration.ofSeconds(30)).until(() -> stack.sessions().current().isEmpty());
        // The 3 s orphan timeout (for the LiveKit test) would also end it: only STOPPED proves the disconnect did.
        assertThat(starts).hasSize(1);
        // ENDED fires just after current() empties.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(endings.get(starts.get(0))).as("how the session ended").isEqualTo(EndReason.STOPPED));
        assertThat(modelMessages).as("the model's finally ran: the session really stopped")
                .anyMatch(m -> "stopped".equals(m.path("type").asText()));
        assertThat(modelMessages).noneMatch(m -> m.path("intensity").asDouble() == 1.5);
    }

    @Test
    void liveKitClientWatchesPythonNoiseAndItsSetModeReachesTheModel() throws Exception {
        Path e2e = BrowserDriver.repoRoot().resolve("e2e/livekit");
        try (ViewerPageServer pages = new ViewerPageServer(e2e).start(BrowserDriver.SERVER_ADDRESS)) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("page", pages.url(BrowserDriver.SERVER_ADDRESS));
            config.put("url", stack.services.mediaUrl().orElseThrow());
            config.put("token", stack.services.liveKitTokens().mint("python-viewer", "local", Duration.ofMinutes(10)));
            config.put("single", true);
            config.put("frames", 30);
            config.put("command", Map.of("type", "set_mode", "data", Map.of("mode", "gray")));
            config.put("expectMessage", List.of("\"type\":\"state\"", "\"mode\":\"gray\""));
            config.put("leave", true);
            config.put("timeoutMs", 40_000);

            JsonNode r = BrowserViewer.run(e2e, config);

            System.out.printf("python-noise via livekit-client: %d frames decoded %dx%d %s; timeline %s%n",
                    r.path("framesDecoded").asInt(), r.path("frameWidth").asInt(), r.path("frameHeight").asInt(),
                    r.path("codec").asText(), r.path("timeline"));
            assertThat(r.path("state").asText()).as(r.toString()).isEqualTo("connected");
            assertThat(r.path("framesDecoded").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(r.path("frameWidth").asInt()).isEqualTo(640);
            assertThat(r.path("frameHeight").asInt()).isEqualTo(480);
            assertThat(r.path("data")).anySatisfy(packet -> {
                assertThat(packet.path("from").asText()).isEqualTo("reactor-model");
                assertThat(packet.path("text").asText()).contains("\"type\":\"state\"").contains("\"mode\":\"gray\"");
            });
        }
    }
}
