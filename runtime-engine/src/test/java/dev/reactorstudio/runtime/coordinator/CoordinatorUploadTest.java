package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.CommandGateway;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.MessageSink;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JS SDK's upload routes and the {@code uploads} of command frames, against the real runtime
 * serving the upload-probe test model (loopback, no WebRTC: the data-channel protocol object is
 * fed the frames the SDK sends). Browser coverage: {@code UploadBrowserTest}.
 */
class CoordinatorUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int LIMIT = 64 * 1024;
    private static Path folder;
    private static ReactorServices services;
    private static MediaEngine media;
    private static Coordinator coordinator;
    private final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private final MessageSink sink = (session, message) -> messages.add(message);
    private JsonNode started;

    @BeforeAll
    static void start() throws Exception {
        folder = UploadProbeFolder.create();
        services = ReactorServices.start(ServiceOptions.defaults(folder).withRuntimePort(0)
                .withHost(HostOptions.defaults().withUploads(UploadLimits.ofMaxFileBytes(LIMIT))));
        services.loadModel();
        media = new MediaEngine(MediaOptions.defaults());
        coordinator = new Coordinator(CoordinatorOptions.defaults(services.runtimeUrl()).withBind("127.0.0.1", 0),
                media, () -> services.host().sessions(), (room, identity) -> "token").start();
    }

    @AfterAll
    static void stop() throws Exception {
        coordinator.close();
        services.close();
        media.close();
        UploadProbeFolder.delete(folder);
    }

    @BeforeEach
    void startSession() throws Exception {
        manager().addMessageSink(sink);
        HttpResponse<String> response = send("POST", "/start_session", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        started = JSON.readTree(response.body());
    }

    @AfterEach
    void stopSession() throws Exception {
        send("POST", "/stop_session", null);
        manager().removeMessageSink(sink);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> manager().current().isEmpty());
    }

    private static SessionManager manager() {
        return services.host().sessions().orElseThrow();
    }

    private String sid() {
        return started.path("session_id").asText();
    }

    private String runtimeSession() {
        return started.path("runtime_session_id").asText();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return sendBytes(method, URI.create("http://127.0.0.1:" + coordinator.port() + path),
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> sendBytes(String method, URI uri, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode allocate(String sid, String name, long size) throws Exception {
        HttpResponse<String> response = send("POST", "/sessions/" + sid + "/uploads",
                "{\"name\":\"" + name + "\",\"size\":" + size + ",\"mime_type\":\"image/png\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new java.util.Random(n).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The data-channel protocol of one viewer, as the SDK's frames reach it. */
    private JsSdkChannel channel(String viewerId) {
        Viewer viewer = new Viewer(viewerId, runtimeSession(), JSON.createObjectNode());
        CommandGateway gateway = new CommandGateway(manager());
        return new JsSdkChannel(viewer, gateway, gateway.uploads(), JSON.createObjectNode(), () -> { }, bridge -> { });
    }

    private static String command(String name, String data, String uploadId, long size) {
        String uploads = uploadId == null ? "" : ",\"uploads\":{\"file\":{\"upload_id\":\"" + uploadId
                + "\",\"name\":\"x\",\"mime_type\":\"image/png\",\"size\":" + size + "}}";
        return "{\"scope\":\"application\",\"data\":{\"type\":\"" + name + "\",\"data\":" + data + uploads + "}}";
    }

    @Test
    void anUploadedFileReachesTheModelByteIdenticalUnderItsSanitisedName() throws Exception {
        byte[] data = bytes(40_000);
        JsonNode slot = allocate(sid(), "../secret/photo.png", data.length);
        assertThat(slot.path("presigned_url").asText())
                .isEqualTo("http://127.0.0.1:" + coordinator.port() + "/uploads/" + slot.path("presigned_id").asText());
        assertThat(slot.path("path").asText()).endsWith("/photo.png");
        HttpResponse<String> put = sendBytes("PUT", URI.create(slot.path("presigned_url").asText()), data);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        JsSdkChannel channel = channel(sid());
        String id = slot.path("presigned_id").asText();
        channel.onText(null, "{\"scope\":\"runtime\",\"data\":{\"type\":\"fileUploaded\",\"data\":{\"upload_id\":\""
                + id + "\"}}}");
        channel.onText(null, command("inspect", "{\"note\":\"hi\"}", id, data.length));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.stream().anyMatch(m -> "upload_received".equals(m.path("type").asText())));
        JsonNode received = messages.stream().filter(m -> "upload_received".equals(m.path("type").asText()))
                .findFirst().orElseThrow();
        assertThat(received.path("sha256").asText()).isEqualTo(sha256(data));
        assertThat(received.path("size").asLong()).isEqualTo(data.length);
        assertThat(received.path("name").asText()).isEqualTo("photo.png");
        assertThat(received.path("mime_type").asText()).isEqualTo("image/png");
        assertThat(received.path("note").asText()).isEqualTo("hi");
        Path file = Path.of(received.path("path").asText());
        assertThat(file).startsWith(manager().uploads().sessionFolder(runtimeSession())).exists();

        // The session's end deletes its files.
        send("POST", "/stop_session", null);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> manager().current().isEmpty());
        assertThat(manager().uploads().sessionFolder(runtimeSession())).doesNotExist();
        assertThat(sendBytes("PUT", URI.create(slot.path("presigned_url").asText()), data).statusCode()).isEqualTo(404);
    }

    @Test
    void badUploadRequestsGetA4xxThatSaysWhy() throws Exception {
        assertThat(send("POST", "/sessions/nope/uploads", "{\"name\":\"a\",\"size\":1}").statusCode()).isEqualTo(404);
        HttpResponse<String> tooBig = send("POST", "/sessions/" + sid() + "/uploads",
                "{\"name\":\"a.bin\",\"size\":" + (LIMIT + 1) + ",\"mime_type\":\"application/octet-stream\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("--max-upload-mb");
        assertThat(send("POST", "/sessions/" + sid() + "/uploads", "{\"name\":\"a\",\"size\":0}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/sessions/" + sid() + "/uploads", "{\"name\":\"a\",\"size\":1.5}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/sessions/" + sid() + "/uploads", "{\"size\":3}").body()).contains("name");
        HttpResponse<String> notJson = send("POST", "/sessions/" + sid() + "/uploads", "not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).as("the wording every JSON route uses (JsonBody)").contains("the body is not JSON")
                .contains("send {\\\"name\\\": \\\"<file name>\\\", \\\"size\\\": <bytes>");

        JsonNode slot = allocate(sid(), "a.png", 100);
        URI url = URI.create(slot.path("presigned_url").asText());
        HttpResponse<String> shortBody = sendBytes("PUT", url, bytes(99));
        assertThat(shortBody.statusCode()).isEqualTo(400);
        assertThat(shortBody.body()).contains("Content-Length 99").contains("declared size 100");
        assertThat(sendBytes("PUT", url, bytes(100)).statusCode()).isEqualTo(200);
        assertThat(sendBytes("PUT", url, bytes(100)).statusCode()).isEqualTo(409);
        assertThat(sendBytes("PUT", URI.create("http://127.0.0.1:" + coordinator.port() + "/uploads/nope"), bytes(1))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void commandsNamingAnUnknownUnreceivedOrAnotherViewersUploadNeverReachTheModel() throws Exception {
        byte[] data = bytes(500);
        JsonNode mine = allocate(sid(), "mine.png", data.length);
        sendBytes("PUT", URI.create(mine.path("presigned_url").asText()), data);
        JsonNode pending = allocate(sid(), "pending.png", 10);
        // A second client of the same runtime session.
        String other = JSON.readTree(send("POST", "/start_session", "{}").body()).path("session_id").asText();

        channel(other).onText(null, command("inspect", "{}", mine.path("presigned_id").asText(), data.length));
        JsSdkChannel channel = channel(sid());
        channel.onText(null, command("inspect", "{}", "0123456789abcdef0123456789abcdef", 10));
        channel.onText(null, command("inspect", "{}", pending.path("presigned_id").asText(), 10));
        channel.onText(null, command("inspect", "{}", mine.path("presigned_id").asText(), data.length + 1));
        channel.onText(null, command("inspect", "{\"file\":\"/etc/passwd\"}", null, 0));
        // Commands run in order on one thread: once pong arrives, any of the above would have too.
        channel.onText(null, command("ping", "{\"note\":\"after\"}", null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.stream().anyMatch(m -> "pong".equals(m.path("type").asText())));
        assertThat(messages).noneMatch(m -> "upload_received".equals(m.path("type").asText()));
        assertThat(manager().stats().commandsRejected()).containsKey("inspect");
    }
}
