package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's HTTP surface as the JS SDK 2.9 sees it (no WebRTC needed: runs on loopback
 * in the plain test run), against the real runtime serving examples/hello-pattern.
 */
class CoordinatorHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReactorServices services;
    private static MediaEngine media;
    private static Coordinator coordinator;

    @BeforeAll
    static void start() throws Exception {
        services = ReactorServices.start(ServiceOptions.defaults(BrowserDriver.repoRoot().resolve("examples/hello-pattern"))
                .withRuntimePort(0).withHost(HostOptions.defaults()));
        services.loadModel();
        media = new MediaEngine(MediaOptions.defaults());
        // The media server's URL as a server bound to every interface reports it (the coordinator itself binds loopback).
        coordinator = new Coordinator(CoordinatorOptions.defaults(services.runtimeUrl()).withBind("127.0.0.1", 0)
                        .withLivekitUrl("ws://0.0.0.0:7880"),
                media, () -> services.host().sessions(), (room, identity) -> "token-for-" + room).start();
    }

    @AfterAll
    static void stop() {
        coordinator.close();
        services.close();
        media.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, "http://localhost:3000");
    }

    private static HttpResponse<String> send(String method, String path, String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + coordinator.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (method.equals("OPTIONS")) {
            request.header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,reactor-api-version")
                    .header("Access-Control-Request-Private-Network", "true");
        } else if (!origin.equals("http://localhost:3000")) {
            request.header("Origin", origin).header("Content-Type", "text/plain");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void preflightFromALoopbackDevServerAllowsItsOriginTheSdkHeadersAndPrivateNetworkAccess() throws Exception {
        HttpResponse<String> r = send("OPTIONS", "/start_session", null);
        assertThat(r.statusCode()).isBetween(200, 204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("reactor-api-version");
        assertThat(r.headers().firstValue("Access-Control-Allow-Private-Network")).hasValue("true");
    }

    @Test
    void aForeignPageCannotStartASessionNorGetAPreflightThrough() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/start_session", null, "http://evil.example.com");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        // The "simple" cross-site POST a page can send without a preflight: refused before it starts anything.
        HttpResponse<String> start = send("POST", "/start_session", "{}", "http://evil.example.com");
        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(start.body()).contains("--allow-origin http://evil.example.com");
        assertThat(services.host().sessions().orElseThrow().current()).isEmpty();
        assertThat(send("POST", "/stop_session", null, "http://evil.example.com").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/health", null, "http://evil.example.com").statusCode()).isEqualTo(403);
    }

    @Test
    void startSessionAnswersASessionResponseAndASecondStartJoinsTheSameSession() throws Exception {
        HttpResponse<String> first = send("POST", "/start_session", "{}");
        HttpResponse<String> second = send("POST", "/start_session", "{}");
        try {
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode a = JSON.readTree(first.body());
            JsonNode b = JSON.readTree(second.body());
            assertThat(a.path("session_id").asText()).matches("[0-9a-f]+");
            assertThat(a.path("selected_transport").path("protocol").asText()).isEqualTo("webrtc");
            assertThat(a.path("capabilities").path("tracks").get(0).path("name").asText()).isEqualTo("main_video");
            assertThat(a.path("capabilities").path("tracks").get(0).path("direction").asText()).isEqualTo("recvonly");
            assertThat(a.path("capabilities").path("commands").toString()).contains("set_palette");
            assertThat(a.path("model").path("name").asText()).isEqualTo("hello-pattern");
            assertThat(b.path("session_id").asText()).isNotEqualTo(a.path("session_id").asText());
            assertThat(b.path("runtime_session_id").asText()).isEqualTo(a.path("runtime_session_id").asText());

            String sid = a.path("session_id").asText();
            HttpResponse<String> ice = send("GET", "/sessions/" + sid + "/transport/webrtc/ice_servers", null);
            assertThat(JSON.readTree(ice.body()).path("ice_servers").isArray()).isTrue();
            assertThat(send("GET", "/sessions/" + sid + "/transport/webrtc/sdp_params", null).statusCode()).isEqualTo(202);
            assertThat(send("GET", "/sessions/nope/transport/webrtc/sdp_params", null).statusCode()).isEqualTo(404);
        } finally {
            send("POST", "/stop_session", null);
        }
    }

    @Test
    void legacySocketWelcomesThenAssignsTheLivekitRoomAndStopsTheSessionOnClose() throws Exception {
        CompletableFuture<String> assigned = new CompletableFuture<>();
        StringBuilder welcome = new StringBuilder();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + coordinator.port() + "/ws"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        String text = data.toString();
                        if (text.contains("\"welcome\"")) {
                            welcome.append(text);
                        } else if (text.contains("gpu-machine-assigned")) {
                            assigned.complete(text);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"sessionSetup\",\"data\":{\"modelName\":\"hello-pattern\"}}", true).join();
        JsonNode message = JSON.readTree(assigned.get(20, TimeUnit.SECONDS));
        assertThat(welcome.toString()).contains("Connected to Reactor Local Coordinator");
        assertThat(message.path("data").path("livekitJwtToken").asText()).isEqualTo("token-for-local");
        assertThat(message.path("data").path("livekitWsUrl").asText()).as("the host this client reached us at")
                .isEqualTo("ws://127.0.0.1:7880");
        assertThat(services.host().sessions().orElseThrow().current()).isPresent();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> services.host().sessions().orElseThrow().current().isEmpty());
    }

    @Test
    void closingOneLegacySocketEndsOnlyThatClientTheLastOneStopsTheSession() throws Exception {
        WebSocket first = legacyClientWithAToken();
        WebSocket second = legacyClientWithAToken();
        String session = services.host().sessions().orElseThrow().current().orElseThrow().id();
        first.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        Thread.sleep(1000);
        assertThat(services.host().sessions().orElseThrow().current()).as("the other client still watches")
                .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(session));
        second.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> services.host().sessions().orElseThrow().current().isEmpty());
    }

    @Test
    void aForeignPageGetsNoLegacySocketAndSoNoToken() {
        CompletableFuture<WebSocket> refused = HTTP.newWebSocketBuilder().header("Origin", "http://evil.example.com")
                .buildAsync(URI.create("ws://127.0.0.1:" + coordinator.port() + "/ws"), new WebSocket.Listener() { });
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(refused::join);
        assertThat(((java.net.http.WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(403);
    }

    /** A /ws client that asked for a session and got its token. */
    private static WebSocket legacyClientWithAToken() throws Exception {
        CompletableFuture<String> assigned = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + coordinator.port() + "/ws"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        if (data.toString().contains("gpu-machine-assigned")) {
                            assigned.complete(data.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"sessionSetup\",\"data\":{\"modelName\":\"hello-pattern\"}}", true).join();
        assertThat(JSON.readTree(assigned.get(20, TimeUnit.SECONDS)).path("data").path("livekitJwtToken").asText())
                .isEqualTo("token-for-local");
        return ws;
    }

    @Test
    void healthReportsTheRuntime() throws Exception {
        JsonNode health = JSON.readTree(send("GET", "/health", null).body());
        assertThat(health.path("status").asText()).isEqualTo("healthy");
        assertThat(health.path("runtime").asText()).startsWith("http://127.0.0.1:");
    }

    @Test
    void viewerPageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("RTCPeerConnection").contains("/start_session");
    }
}
