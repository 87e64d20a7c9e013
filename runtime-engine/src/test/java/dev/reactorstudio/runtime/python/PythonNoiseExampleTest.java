package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/python-noise, unchanged, served by the runtime exactly as {@code reactor run} serves it. */
class PythonNoiseExampleTest {
    static final Path EXAMPLE = Path.of("..", "examples", "python-noise");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReactorServices services;
    private static final List<Frame> frames = new CopyOnWriteArrayList<>();
    private static final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private static final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServices() throws Exception {
        PythonOptions python = PythonSupport.options();
        services = ReactorServices.start(ServiceOptions.defaults(EXAMPLE).withRuntimePort(0)
                .withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO).withPython(python)));
        services.loadModel();
        var sessions = services.host().sessions().orElseThrow();
        sessions.addFrameSink(frame -> {
            if (frames.size() < 500) {
                frames.add(frame);
            }
        });
        sessions.addMessageSink((id, message) -> messages.add(message));
        sessions.addListener(events::add);
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            long pid = python().pid();
            services.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the Python child is gone after close").isFalse();
        }
    }

    @AfterEach
    void stopSession() throws Exception {
        post("/stop_session", "");
        await().until(() -> get("/session").body.get("session").isNull());
        frames.clear();
        messages.clear();
        events.clear();
    }

    private static PythonVideoModel python() {
        return (PythonVideoModel) services.host().model().orElseThrow().instance();
    }

    @Test
    void infoShowsTheSchemaReadFromPythonAnnotations() throws Exception {
        JsonNode commands = get("/info").body.at("/capabilities/commands");
        assertThat(commands.findValuesAsText("name")).containsExactly("set_intensity", "set_mode");
        JsonNode intensity = commands.get(0).at("/schema/intensity");
        assertThat(intensity.get("type").asText()).isEqualTo("number");
        assertThat(intensity.get("minimum").asDouble()).isEqualTo(0);
        assertThat(intensity.get("maximum").asDouble()).isEqualTo(1);
        assertThat(intensity.get("required").asBoolean()).isFalse();
        JsonNode mode = commands.get(1).at("/schema/mode");
        assertThat(mode.get("enum").toString()).isEqualTo("[\"color\",\"gray\",\"bars\"]");
        assertThat(mode.get("required").asBoolean()).isTrue();
        assertThat(get("/health").body.get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void framesReachTheSinkAtTheModelsSize() throws Exception {
        assertThat(post("/start_session", "").status).isEqualTo(200);
        await().until(() -> frames.size() >= 10);
        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.width()).isEqualTo(640);
            assertThat(frame.height()).isEqualTo(480);
        });
        assertThat(python().stats().snapshot().frames()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void validCommandReachesPythonAndInvalidOneIsRejectedInJava() throws Exception {
        post("/start_session", "");
        Response ok = post("/command", "{\"name\":\"set_mode\",\"args\":{\"mode\":\"bars\"}}");
        assertThat(ok.status).isEqualTo(200);
        await().until(() -> messages.stream().anyMatch(m -> "state".equals(m.path("type").asText())
                && "bars".equals(m.path("mode").asText())));

        Response outOfRange = post("/command", "{\"name\":\"set_intensity\",\"args\":{\"intensity\":1.5}}");
        assertThat(outOfRange.status).isEqualTo(400);
        assertThat(outOfRange.body.get("problems").toString()).contains("intensity: 1.5 > maximum 1");
        Response notAChoice = post("/command", "{\"name\":\"set_mode\",\"args\":{\"mode\":\"plaid\"}}");
        assertThat(notAChoice.status).isEqualTo(400);
        Response missing = post("/command", "{\"name\":\"set_mode\",\"args\":{}}");
        assertThat(missing.body.get("problems").toString()).contains("mode: missing (required)");

        // The default comes from the Python signature and is applied before the call crosses.
        assertThat(post("/command", "{\"name\":\"set_intensity\",\"args\":{}}").status).isEqualTo(200);
        await().until(() -> messages.stream().anyMatch(m -> "state".equals(m.path("type").asText())
                && m.path("intensity").asDouble() == 1.0));
        assertThat(messages).noneMatch(m -> m.path("intensity").asDouble() == 1.5 || "plaid".equals(m.path("mode").asText()));
    }

    @Test
    void progressMessagesArriveEverySecond() throws Exception {
        post("/start_session", "");
        await().atMost(10, TimeUnit.SECONDS).until(() -> messages.stream()
                .filter(m -> "progress".equals(m.path("type").asText())).count() >= 2);
        ObjectNode progress = messages.stream().filter(m -> "progress".equals(m.path("type").asText())).findFirst().orElseThrow();
        assertThat(progress.get("frames").asInt()).isPositive();
        assertThat(progress.get("mode").asText()).isIn("color", "gray", "bars");
    }

    @Test
    void stopReachesShouldStopAndTheModelsFinallyRuns() throws Exception {
        post("/start_session", "");
        await().until(() -> frames.size() >= 3);
        assertThat(post("/stop_session", "").status).isEqualTo(200);
        await().until(() -> events.stream().anyMatch(e -> e.type() == SessionEvent.Type.ENDED));
        SessionEvent ended = events.stream().filter(e -> e.type() == SessionEvent.Type.ENDED).findFirst().orElseThrow();
        assertThat(ended.endReason()).isEqualTo(EndReason.STOPPED);
        assertThat(messages).anyMatch(m -> "stopped".equals(m.path("type").asText()));
    }

    private record Response(int status, JsonNode body) {}

    private static Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private static Response post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static URI uri(String path) {
        return URI.create(services.runtimeUrl() + path);
    }

    private static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }
}
