package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.join.JoinClient;
import dev.reactorstudio.runtime.fleet.join.JoinRefusedException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every production route wants a valid token of the right role; a refused request queues nothing. */
class FleetAuthTest {
    private static final String SECRET = FleetTokensTest.SECRET;
    private final FleetTokens tokens = new FleetTokens(SECRET);
    private FleetCoordinator coordinator;
    private String base;

    @BeforeEach
    void start() {
        coordinator = new FleetCoordinator(FleetOptions.defaults(SECRET).withBind("127.0.0.1", 0)
                .withApiKeys(Set.of("key-one"))).start();
        base = "http://127.0.0.1:" + coordinator.port();
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    @Test
    void badTokensAreRefusedWith401AndAReasonAndNothingIsQueued() {
        String expired = JWT.create().withSubject("a").withExpiresAt(Instant.now().minusSeconds(30)).sign(Algorithm.HMAC256(SECRET));
        String wrongSignature = new FleetTokens("some-other-secret-123456").mint("a", Role.CLIENT, Duration.ofMinutes(5));
        String otherModel = tokens.mint("a", Role.CLIENT, Duration.ofMinutes(5), "other-model");
        String runtimeToken = tokens.mint("runtime:x", Role.RUNTIME, Duration.ofMinutes(5));
        record Case(String token, String reason) {
        }
        for (Case c : List.of(new Case(null, "missing token"), new Case(expired, "expired"),
                new Case(wrongSignature, "signature"), new Case(FleetTokensTest.unsigned("a"), "alg: none"),
                new Case(otherModel, "for model other-model"), new Case(runtimeToken, "runtime token"))) {
            FleetHttp.Reply reply = FleetHttp.createSession(base, c.token(), "hello-pattern");
            assertThat(reply.status()).as(c.reason()).isEqualTo(401);
            assertThat(reply.body().path("detail").asText()).as(c.reason()).contains(c.reason());
        }
        assertThat(FleetHttp.get(base + "/fleet", null).status()).isEqualTo(401);
        String good = tokens.mint("admin", Role.CLIENT, Duration.ofMinutes(5));
        assertThat(FleetHttp.get(base + "/fleet", good).body().path("queue")).isEmpty();
    }

    @Test
    void aBadBodyIsRefusedWith400SayingWhatToSendAndQueuesNothing() {
        String good = tokens.mint("u", Role.CLIENT, Duration.ofMinutes(5));
        FleetHttp.Reply broken = FleetHttp.send("POST", base + "/sessions", good, "{\"model\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().path("detail").asText()).contains("not JSON").contains("send {\"model\": {\"name\"");
        FleetHttp.Reply array = FleetHttp.send("POST", base + "/sessions", good, "[]");
        assertThat(array.body().path("detail").asText()).contains("not an object");
        String runtimeToken = tokens.mint("runtime:x", Role.RUNTIME, Duration.ofMinutes(5));
        FleetHttp.Reply register = FleetHttp.send("POST", base + "/fleet/runtimes", runtimeToken, "\"x\"");
        assertThat(register.status()).isEqualTo(400);
        assertThat(register.body().path("detail").asText()).contains("\"id\", \"model\", \"version\", \"url\"");
        assertThat(FleetHttp.get(base + "/fleet", good).body().path("queue")).isEmpty();
        assertThat(FleetHttp.get(base + "/fleet", good).body().path("runtimes")).isEmpty();
    }

    @Test
    void anApiKeyBuysAShortLivedTokenAndAWrongKeyDoesNot() {
        assertThat(FleetHttp.get(base + "/tokens", null).status()).isEqualTo(401);
        FleetHttp.Reply wrong = FleetHttp.send("GET", base + "/tokens", null, null);
        assertThat(wrong.status()).isEqualTo(401);
        var request = java.net.http.HttpRequest.newBuilder(URI.create(base + "/tokens")).header("Reactor-API-Key", "key-one").build();
        String jwt;
        try {
            var body = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            jwt = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("jwt").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        FleetHttp.Reply created = FleetHttp.createSession(base, jwt, "hello-pattern");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("state").asText()).isEqualTo("WAITING");
        assertThat(created.body().path("queue_position").asInt()).isEqualTo(1);
        String id = created.body().path("session_id").asText();
        String stranger = tokens.mint("someone-else", Role.CLIENT, Duration.ofMinutes(5));
        assertThat(FleetHttp.get(base + "/sessions/" + id, stranger).status()).as("sessions belong to their subject").isEqualTo(404);
        assertThat(FleetHttp.send("DELETE", base + "/sessions/" + id, jwt, null).body().path("state").asText()).isEqualTo("CLOSED");
        assertThat(FleetHttp.get(base + "/sessions/" + id, jwt).body().path("state").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aPageOfAnotherOriginIsRefusedBeforeAnythingIsQueuedAndAnAllowedOneGetsCors() throws Exception {
        String client = tokens.mint("a", Role.CLIENT, Duration.ofMinutes(5));
        var http = java.net.http.HttpClient.newHttpClient();
        var foreign = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/sessions"))
                .header("Origin", "https://evil.example").header("Authorization", "Bearer " + client)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":{\"name\":\"m\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("--allow-origin");
        assertThat(FleetHttp.get(base + "/fleet", client).body().path("queue")).isEmpty();
        var local = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/sessions"))
                .header("Origin", "http://localhost:3000").header("Authorization", "Bearer " + client)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":{\"name\":\"m\"}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
    }

    @Test
    void aRuntimeWithTheWrongSecretIsRefusedAndToldWhy() {
        JoinClient join = new JoinClient(List.of(URI.create(base)), new FleetTokens("not-the-fleet-secret-42"),
                new JoinClient.Registration("r1", "hello-pattern", "1.0.0", "http://127.0.0.1:9"), null);
        assertThatThrownBy(join::join).isInstanceOf(JoinRefusedException.class).hasMessageContaining("signature");
        String client = tokens.mint("a", Role.CLIENT, Duration.ofMinutes(5));
        assertThat(FleetHttp.send("POST", base + "/fleet/runtimes", client,
                "{\"id\":\"r2\",\"model\":\"m\",\"version\":\"1\",\"url\":\"http://127.0.0.1:9\"}").status())
                .as("a client token cannot register a runtime").isEqualTo(401);
        assertThat(FleetHttp.get(base + "/fleet", client).body().path("runtimes")).isEmpty();
    }
}
