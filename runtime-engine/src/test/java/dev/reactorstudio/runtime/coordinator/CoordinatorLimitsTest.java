package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's per-client limits against the real runtime (hello-pattern), on loopback: no
 * viewer here ever connects, so every one stays a pending peer.
 */
class CoordinatorLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReactorServices services;
    private static MediaEngine media;
    private Coordinator coordinator;

    @BeforeAll
    static void startRuntime() throws Exception {
        services = ReactorServices.start(ServiceOptions.defaults(BrowserDriver.repoRoot().resolve("examples/hello-pattern"))
                .withRuntimePort(0).withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO)));
        services.loadModel();
        media = new MediaEngine(MediaOptions.defaults());
    }

    @AfterAll
    static void stopRuntime() {
        services.close();
        media.close();
    }

    @AfterEach
    void stopCoordinator() throws Exception {
        if (coordinator != null) {
            send("POST", "/stop_session", null);
            coordinator.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> services.host().sessions().orElseThrow().current().isEmpty());
    }

    private void start(Limits limits) {
        coordinator = new Coordinator(CoordinatorOptions.defaults(services.runtimeUrl()).withBind("127.0.0.1", 0)
                .withSecurity(SecurityOptions.defaults().withLimits(limits)),
                media, () -> services.host().sessions(), (room, identity) -> "token").start();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + coordinator.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<HttpResponse<String>> starts(int n) throws Exception {
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(send("POST", "/start_session", "{}"));
        }
        return replies;
    }

    @Test
    void oneViewerMoreThanTheSessionAllowsGets429WithTheReason() throws Exception {
        start(Limits.defaults());
        List<HttpResponse<String>> replies = starts(Limits.DEFAULT_VIEWERS_PER_SESSION + 1);
        assertThat(replies.subList(0, Limits.DEFAULT_VIEWERS_PER_SESSION)).allMatch(r -> r.statusCode() == 200);
        HttpResponse<String> ninth = replies.get(Limits.DEFAULT_VIEWERS_PER_SESSION);
        assertThat(ninth.statusCode()).isEqualTo(429);
        assertThat(ninth.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(ninth.body()).path("detail").asText()).contains("already has 8 viewers").contains("--max-viewers");
    }

    @Test
    void pendingPeersAreCappedAndDroppedAfterTheirLifetime() throws Exception {
        start(Limits.defaults().withViewersPerSession(50).withPendingPeers(3, Duration.ofSeconds(2)));
        List<HttpResponse<String>> replies = starts(4);
        assertThat(replies.subList(0, 3)).allMatch(r -> r.statusCode() == 200);
        assertThat(replies.get(3).statusCode()).isEqualTo(429);
        assertThat(replies.get(3).body()).contains("--max-pending-peers");
        String sid = JSON.readTree(replies.get(0).body()).path("session_id").asText();
        assertThat(JSON.readTree(send("GET", "/health", null).body()).path("pending_viewers").asInt()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                send("GET", "/sessions/" + sid + "/transport/webrtc/sdp_params", null).statusCode() == 404);
        assertThat(JSON.readTree(send("GET", "/health", null).body()).path("pending_viewers").asInt()).isZero();
        assertThat(send("POST", "/start_session", "{}").statusCode()).as("room again").isEqualTo(200);
    }

    @Test
    void startsPerClientPerMinuteAreCapped() throws Exception {
        start(Limits.defaults().withSessionStartsPerMinute(3));
        List<HttpResponse<String>> replies = starts(5);
        assertThat(replies.subList(0, 3)).allMatch(r -> r.statusCode() == 200);
        assertThat(replies.subList(3, 5)).allMatch(r -> r.statusCode() == 429);
        JsonNode detail = JSON.readTree(replies.get(3).body());
        assertThat(detail.path("detail").asText()).contains("at most 3 a minute").contains("--max-starts-per-minute");
        assertThat(Long.parseLong(replies.get(3).headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void aBodyOverTheLimitIs413AndTheViewerKeepsWaitingForAnOffer() throws Exception {
        start(Limits.defaults().withJsonBodyBytes(64 * 1024));
        String sid = JSON.readTree(send("POST", "/start_session", "{}").body()).path("session_id").asText();
        HttpResponse<String> big = send("POST", "/sessions/" + sid + "/transport/webrtc/sdp_params",
                "{\"sdp_offer\":\"" + "a".repeat(70 * 1024) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("--max-body-bytes");
        assertThat(send("GET", "/sessions/" + sid + "/transport/webrtc/sdp_params", null).statusCode()).isEqualTo(202);
    }
}
