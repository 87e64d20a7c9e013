package dev.reactorstudio.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime HTTP API over the real hello-pattern example. */
class RuntimeServerTest {
    static final Path HELLO_PATTERN = Path.of("..", "examples", "hello-pattern");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReactorServices services;
    private static final List<ObjectNode> messages = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServices() throws Exception {
        services = ReactorServices.start(ServiceOptions.defaults(HELLO_PATTERN).withRuntimePort(0)
                .withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO)));
        services.loadModel();
        services.host().sessions().orElseThrow().addMessageSink((id, message) -> messages.add(message));
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    @AfterEach
    void stopSession() throws Exception {
        post("/stop_session", "");
        await().until(() -> get("/session").body.get("session").isNull());
    }

    @Test
    void healthIsHealthyAndReadyOnceLoaded() throws Exception {
        Response health = get("/health");
        assertThat(health.status).isEqualTo(200);
        assertThat(health.body.get("status").asText()).isEqualTo("healthy");
        assertThat(health.body.get("state").asText()).isEqualTo("ready");
    }

    @Test
    void infoCarriesManifestAndCommandSchemaInJsSdkShape() throws Exception {
        JsonNode info = get("/info").body;
        assertThat(info.at("/manifest/model_name").asText()).isEqualTo("hello-pattern");
        JsonNode commands = info.at("/capabilities/commands");
        assertThat(commands.findValuesAsText("name")).contains("set_speed", "set_palette", "reset");
        JsonNode speed = find(commands, "set_speed").at("/schema/speed");
        assertThat(speed.get("type").asText()).isEqualTo("number");
        assertThat(speed.get("minimum").asDouble()).isEqualTo(0);
        assertThat(speed.get("maximum").asDouble()).isEqualTo(10);
        assertThat(find(commands, "set_palette").at("/schema/palette/enum").toString()).contains("cool");
    }

    @Test
    void startStreamsFramesAndSecondStartIsAConflict() throws Exception {
        Response started = post("/start_session", "");
        assertThat(started.status).isEqualTo(200);
        String id = started.body.get("session_id").asText();
        assertThat(post("/start_session", "").status).isEqualTo(409);
        await().until(() -> metric("reactor_frames_delivered_total") > 5);
        Response session = get("/session");
        assertThat(session.body.at("/session/session_id").asText()).isEqualTo(id);
        assertThat(session.body.at("/session/state").asText()).isEqualTo("running");
    }

    @Test
    void validCommandReachesTheModelAndItsMessageArrives() throws Exception {
        post("/start_session", "");
        Response reply = post("/command", "{\"name\":\"set_palette\",\"args\":{\"palette\":\"cool\"}}");
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.get("ok").asBoolean()).isTrue();
        await().until(() -> messages.stream().anyMatch(m -> "state".equals(m.path("type").asText())
                && "cool".equals(m.path("palette").asText())));
    }

    @Test
    void theModelsReportedValuesAreInInfoAndSessionUnderTheirParameterNames() throws Exception {
        post("/start_session", "");
        // hello-pattern reports its values as the session starts, then after each change.
        await().until(() -> get("/info").body.at("/values/speed").isNumber());
        assertThat(post("/command", "{\"name\":\"set_speed\",\"args\":{\"speed\":2.5}}").status).isEqualTo(200);
        await().until(() -> get("/info").body.at("/values/speed").asDouble() == 2.5);
        assertThat(get("/info").body.at("/values/type").isMissingNode()).as("the message type is not a value").isTrue();
        assertThat(get("/session").body.at("/session/values/speed").asDouble()).isEqualTo(2.5);
        post("/command", "{\"name\":\"set_speed\",\"args\":{\"speed\":1}}");
        await().until(() -> get("/info").body.at("/values/speed").asDouble() == 1.0);
    }

    @Test
    void invalidCommandIsRejectedWithProblemsAndCounted() throws Exception {
        post("/start_session", "");
        Response reply = post("/command", "{\"name\":\"set_speed\",\"args\":{\"speed\":99}}");
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.get("problems").toString()).contains("speed").contains("10");
        Response unknown = post("/command", "{\"name\":\"explode\",\"args\":{}}");
        assertThat(unknown.status).isEqualTo(400);
        assertThat(unknown.body.get("detail").asText()).contains("set_speed");
        assertThat(metricsText()).contains("reactor_commands_total{command=\"set_speed\",result=\"rejected\"} 1.0");
    }

    @Test
    void aCommandBodyWithAnythingAfterItsObjectIsRefusedAndNeverRuns() throws Exception {
        post("/start_session", "");
        await().until(() -> get("/info").body.at("/values/speed").isNumber());
        String countsBefore = commandCounts();

        Response garbage = post("/command", "{\"name\":\"set_speed\",\"args\":{\"speed\":7}} garbage");
        Response twoObjects = post("/command", "{\"name\":\"set_speed\",\"args\":{\"speed\":7}}{\"name\":\"reset\",\"args\":{}}");

        for (Response refused : List.of(garbage, twoObjects)) {
            assertThat(refused.status).isEqualTo(400);
            assertThat(refused.body.path("detail").asText())
                    .startsWith("the body has more after its JSON object (from character 40")
                    .endsWith("send {\"name\": \"<command>\", \"args\": {...}}");
        }
        assertThat(commandCounts()).as("neither command was run, accepted or even counted").isEqualTo(countsBefore);
        assertThat(get("/info").body.at("/values/speed").asDouble()).isNotEqualTo(7.0);
    }

    @Test
    void commandWithoutSessionIsAConflict() throws Exception {
        Response reply = post("/command", "{\"name\":\"reset\",\"args\":{}}");
        assertThat(reply.status).isEqualTo(409);
        assertThat(reply.body.get("detail").asText()).contains("no session");
    }

    @Test
    void malformedCommandBodyIsABadRequest() throws Exception {
        Response broken = post("/command", "{not json");
        assertThat(broken.status).isEqualTo(400);
        assertThat(broken.body.path("detail").asText()).as("the wording every JSON route uses (JsonBody)")
                .startsWith("the body is not JSON").endsWith("send {\"name\": \"<command>\", \"args\": {...}}");
        assertThat(post("/command", "[1]").body.path("detail").asText()).startsWith("the body is JSON but not an object");
        Response unnamed = post("/command", "{\"args\":{}}");
        assertThat(unnamed.status).isEqualTo(400);
        assertThat(unnamed.body.path("detail").asText()).startsWith("name must be");
    }

    @Test
    void stopEndsTheSessionAndASecondStopIsAConflict() throws Exception {
        post("/start_session", "");
        assertThat(post("/stop_session", "").status).isEqualTo(200);
        await().until(() -> get("/session").body.get("session").isNull());
        assertThat(post("/stop_session", "").status).isEqualTo(409);
        assertThat(metricsText()).contains("reactor_sessions_ended_total{reason=\"stopped\"}");
    }

    @Test
    void aCommandPostedByAForeignPageIsRefusedWithoutReachingTheModel() throws Exception {
        post("/start_session", "");
        String before = commandCounts();
        int seen = messages.size();
        HttpResponse<String> reply = HTTP.send(request("/command").header("Origin", "http://evil.example.com")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"set_palette\",\"args\":{\"palette\":\"neon\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.body()).contains("--allow-origin http://evil.example.com");
        Thread.sleep(300);
        assertThat(commandCounts()).as("no command was counted: none reached the model").isEqualTo(before);
        assertThat(messages.subList(seen, messages.size())).noneMatch(m -> "neon".equals(m.path("palette").asText()));
        HttpResponse<String> start = HTTP.send(request("/start_session").header("Origin", "http://evil.example.com")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(403);
    }

    private static String commandCounts() throws Exception {
        return metricsText().lines().filter(l -> l.startsWith("reactor_commands_total")).sorted()
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        String text = metricsText();
        assertThat(text).contains("# TYPE reactor_frames_emitted_total counter", "reactor_model_loaded 1.0",
                "reactor_sessions_started_total");
    }

    private static JsonNode find(JsonNode commands, String name) {
        for (JsonNode c : commands) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no command " + name);
    }

    private static double metric(String name) throws Exception {
        for (String line : metricsText().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String metricsText() throws Exception {
        return HTTP.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    record Response(int status, JsonNode body) {}

    static Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    static Response post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(services.runtimeUrl() + path)).timeout(Duration.ofSeconds(20));
    }

    private static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Response(response.statusCode(), body);
    }
}
