package dev.reactorstudio.runtime.fleet.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet agent listens on the network (coordinators call it), so a browser on that network
 * reaches it too: it runs the guard every server runs, before any handler. The local coordinator
 * it would forward to is a closed port, so a request that got past the guard answers 502.
 */
class FleetAgentGuardTest {
    private static final String SECRET = "fleet-agent-guard-secret-012345";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = new FleetTokens(SECRET).mint("coordinator-a", Role.COORDINATOR, Duration.ofMinutes(5));
    private FleetAgent agent;
    private String base;

    @BeforeEach
    void startAgent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelHost host = new ModelHost(Path.of("."), HostOptions.defaults()); // never loaded: no session runs here
        agent = new FleetAgent(new FleetTokens(SECRET), host, URI.create("http://127.0.0.1:" + closedPort))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + agent.port();
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    private HttpResponse<String> start(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/fleet/start"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCoordinatorsCallGetsPastTheGuard() throws Exception {
        HttpResponse<String> answer = start("{\"session_id\":\"fleet-1\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
        assertThat(answer.body()).contains("local coordinator unreachable");
    }

    @Test
    void aWebPageIsRefusedBeforeTheAgentActsEvenWithAToken() throws Exception {
        HttpResponse<String> answer = start("{\"session_id\":\"fleet-1\"}", "Origin", "http://evil.example");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("origin http://evil.example may not use this server");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(agent.serving()).isEmpty();
    }

    @Test
    void aRebindingPageOnALoopbackBindIsRefused() throws Exception {
        HttpResponse<String> answer = start("{\"session_id\":\"fleet-1\"}", "Host", "rebind.example:" + agent.port());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("DNS rebinding");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> answer = start("{\"session_id\":\"" + "x".repeat(2_000_000) + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("over the limit").contains("--max-body-bytes");
    }
}
