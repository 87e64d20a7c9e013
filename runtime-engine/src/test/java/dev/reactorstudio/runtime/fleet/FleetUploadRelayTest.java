package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.join.FleetMember;
import dev.reactorstudio.runtime.fleet.join.JoinOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.upload.UploadLimits;
import dev.reactorstudio.runtime.upload.UploadStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's upload routes through a fleet coordinator, over plain HTTP (the browser path is
 * {@code FleetInputsBrowserTest}): the slot is allocated on the assigned runtime under its limits,
 * the presigned URL points back at the coordinator, the bytes stream through to the session's
 * folder on the runtime, and every wrong request gets a clear 4xx.
 */
class FleetUploadRelayTest {
    private static final String SECRET = "fleet-upload-relay-secret-0123";
    private static final long LIMIT = 16 * UploadLimits.MIB;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static FleetCoordinator coordinator;
    private static FleetMember runtime;
    private static String base;
    private static String jwt;
    private static String sessionId;

    @BeforeAll
    static void startFleetAndASession() throws Exception {
        coordinator = new FleetCoordinator(FleetOptions.defaults(SECRET).withBind("127.0.0.1", 0)).start();
        base = "http://127.0.0.1:" + coordinator.port();
        JoinOptions join = new JoinOptions(List.of(URI.create(base)), SECRET, "upload-rt", "127.0.0.1", 0, null);
        ServiceOptions services = ServiceOptions.defaults(BrowserDriver.repoRoot().resolve("examples/hello-pattern"))
                .withRuntimePort(0).withHost(HostOptions.defaults().withOrphanTimeout(Duration.ofSeconds(60))
                        .withUploads(UploadLimits.ofMaxFileBytes(LIMIT)));
        runtime = FleetMember.start(services, join);
        runtime.loadAndJoin(join);
        jwt = new FleetTokens(SECRET).mint("uploader", Role.CLIENT, Duration.ofMinutes(10));
        sessionId = FleetHttp.createSession(base, jwt, "hello-pattern").body().path("session_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                FleetHttp.get(base + "/sessions/" + sessionId, jwt).body().path("state").asText().equals("ACTIVE"));
    }

    @AfterAll
    static void stopFleet() {
        if (runtime != null) {
            runtime.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private static FleetHttp.Reply allocate(String token, String name, long size) {
        return FleetHttp.send("POST", base + "/sessions/" + sessionId + "/uploads", token,
                "{\"name\":\"" + name + "\",\"size\":" + size + ",\"mime_type\":\"application/octet-stream\"}");
    }

    private static HttpResponse<String> put(String url, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).PUT(body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path uploadedFile(String name) throws Exception {
        UploadStore store = runtime.services().host().sessions().orElseThrow().uploads();
        Session session = runtime.services().host().sessions().orElseThrow().current().orElseThrow();
        try (Stream<Path> files = Files.walk(store.sessionFolder(session.id()))) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    @Test
    void aTwelveMegabyteUploadStreamsThroughTheCoordinatorToTheSessionOnTheRuntime() throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024];
        new Random(15).nextBytes(bytes);
        FleetHttp.Reply slot = allocate(jwt, "big.bin", bytes.length);
        assertThat(slot.status()).as("%s", slot.body()).isEqualTo(201);
        String uploadId = slot.body().path("presigned_id").asText();
        String url = slot.body().path("presigned_url").asText();
        assertThat(url).as("the browser keeps one origin").isEqualTo(base + "/uploads/" + sessionId + "/" + uploadId);

        HttpResponse<String> stored = put(url, HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).path("size").asLong()).isEqualTo(bytes.length);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(Files.readAllBytes(uploadedFile("big.bin")))).isEqualTo(sha.digest(bytes));

        HttpResponse<String> again = put(url, HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(again.statusCode()).as("an upload is received once").isEqualTo(409);
        assertThat(again.body()).contains("already received");
        String metrics = FleetHttp.send("GET", base + "/metrics", null, null).body().path("raw").asText();
        assertThat(metrics).containsPattern("reactor_fleet_uploads_total [1-9]");
    }

    @Test
    void wrongUploadRequestsGetAClearRefusal() throws Exception {
        assertThat(allocate(null, "a.bin", 10).status()).as("no token").isEqualTo(401);
        String stranger = new FleetTokens(SECRET).mint("someone-else", Role.CLIENT, Duration.ofMinutes(5));
        assertThat(allocate(stranger, "a.bin", 10).status()).as("another subject's session").isEqualTo(404);

        FleetHttp.Reply tooLarge = allocate(jwt, "huge.bin", LIMIT + 1);
        assertThat(tooLarge.status()).as("the runtime's limit, relayed").isEqualTo(413);
        assertThat(tooLarge.body().path("detail").asText()).contains("--max-upload-mb");

        FleetHttp.Reply slot = allocate(jwt, "small.bin", 1000);
        String url = slot.body().path("presigned_url").asText();
        HttpResponse<String> chunked = put(url, HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[1000])));
        assertThat(chunked.statusCode()).as("no Content-Length").isEqualTo(411);
        HttpResponse<String> shortBody = put(url, HttpRequest.BodyPublishers.ofByteArray(new byte[999]));
        assertThat(shortBody.statusCode()).as(shortBody.body()).isEqualTo(400);
        assertThat(shortBody.body()).contains("does not match the declared size 1000");
        assertThat(put(url, HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).statusCode())
                .as("the slot stays open after a refused body").isEqualTo(200);

        assertThat(put(base + "/uploads/" + sessionId + "/0123456789abcdef0123456789abcdef",
                HttpRequest.BodyPublishers.ofByteArray(new byte[10])).statusCode()).as("unknown upload id").isEqualTo(404);
        assertThat(put(base + "/uploads/no-such-session/0123", HttpRequest.BodyPublishers.ofByteArray(new byte[10]))
                .statusCode()).as("unknown session").isEqualTo(404);
    }

    @Test
    void behindATlsLoadBalancerThePresignedUrlNamesThePublicOrigin() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sessions/" + sessionId + "/uploads"))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "fleet.example.com")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x.bin\",\"size\":3}")).build();
        JsonNode slot = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(slot.path("presigned_url").asText()).startsWith("https://fleet.example.com/uploads/" + sessionId + "/");
    }
}
