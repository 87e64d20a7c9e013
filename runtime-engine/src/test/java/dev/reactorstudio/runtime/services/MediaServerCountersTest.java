package dev.reactorstudio.runtime.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LiveKit media server's data-channel drop counters reach an operator: on its own
 * {@code /health} and, when a coordinator runs next to it, under {@code media_server} in the
 * coordinator's {@code /health} next to the coordinator's own {@code oversize_messages_dropped}.
 */
class MediaServerCountersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COUNTERS = List.of("oversize_messages_dropped", "malformed_packets_dropped",
            "data_packets_refused", "publications_refused", "refusal_replies_suppressed");

    @Test
    void bothHealthRoutesShowTheMediaServersCounters() throws Exception {
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(
                BrowserDriver.repoRoot().resolve("examples/hello-pattern")).withRuntimePort(0).withMediaPort(0)
                .withCoordinatorPort(0))) {
            JsonNode coordinator = health(services.coordinatorUrl().orElseThrow().resolve("/health"));
            JsonNode mediaServer = health(URI.create(services.mediaUrl().orElseThrow().replace("ws://", "http://") + "/health"));

            assertThat(coordinator.path("oversize_messages_dropped").isNumber()).as("the coordinator's own").isTrue();
            for (String counter : COUNTERS) {
                assertThat(coordinator.path("media_server").path(counter).isNumber()).as("coordinator media_server." + counter)
                        .isTrue();
                assertThat(mediaServer.path(counter).isNumber()).as("media server " + counter).isTrue();
            }
            assertThat(mediaServer.path("viewers").asInt()).isZero();
        }
    }

    @Test
    void withoutAMediaServerTheCoordinatorShowsNoMediaServerCounters() throws Exception {
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(
                BrowserDriver.repoRoot().resolve("examples/hello-pattern")).withRuntimePort(0)
                .withMediaPort(ServiceOptions.NO_MEDIA).withCoordinatorPort(0))) {
            JsonNode coordinator = health(services.coordinatorUrl().orElseThrow().resolve("/health"));

            assertThat(coordinator.path("status").asText()).isEqualTo("healthy");
            assertThat(coordinator.has("media_server")).isFalse();
        }
    }

    private static JsonNode health(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Origin", "http://localhost:5173").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
