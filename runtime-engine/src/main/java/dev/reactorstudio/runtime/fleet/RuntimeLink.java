package dev.reactorstudio.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The coordinator's calls to joined runtimes: start and stop a session, relay the SDK's
 * transport requests and stream uploads through. Every call carries a short-lived coordinator token signed with the shared
 * secret, which the runtime checks.
 */
final class RuntimeLink implements AutoCloseable {
    /** Status, content type and body of a runtime's answer, passed back to the client as they are. */
    record Answer(int status, String contentType, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_TTL = Duration.ofMinutes(1);
    /** A runtime's answer to an upload is a line of JSON; more is not read. */
    private static final int MAX_UPLOAD_ANSWER = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    /** How long the runtime may take to answer once the last byte is sent (it only closes a file). */
    private static final int UPLOAD_ANSWER_TIMEOUT_MS = 60_000;

    private final FleetTokens tokens;
    private final ExecutorService httpWorkers;
    private final HttpClient http;

    /**
     * The client's own workers ({@code reactor-fleet-runtime-http-*}) complete its exchanges. They
     * must not be the threads that block in {@link HttpClient#send}: with every one of those
     * waiting, no answer could ever be read.
     */
    RuntimeLink(FleetTokens tokens) {
        this.tokens = tokens;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.httpWorkers = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "reactor-fleet-runtime-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(httpWorkers).connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public void close() {
        httpWorkers.shutdownNow();
    }

    Answer start(String runtimeUrl, String sessionId) throws IOException, InterruptedException {
        return post(runtimeUrl, "/fleet/start", sessionId, Duration.ofSeconds(30));
    }

    Answer stop(String runtimeUrl, String sessionId) throws IOException, InterruptedException {
        return post(runtimeUrl, "/fleet/stop", sessionId, Duration.ofSeconds(20));
    }

    private Answer post(String runtimeUrl, String path, String sessionId, Duration timeout)
            throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("session_id", sessionId).toString();
        return send(HttpRequest.newBuilder(URI.create(runtimeUrl + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Relays one transport request ({@code GET/POST/PUT .../transport/webrtc/...}) to the runtime. */
    Answer relay(String runtimeUrl, String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtimeUrl + path)).timeout(Duration.ofSeconds(15))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isBlank()) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /**
     * Streams an upload's bytes to the runtime ({@code PUT}) on the calling thread: exactly
     * {@code length} bytes from {@code body}, a buffer at a time, never the whole file in memory.
     * Not through the {@link HttpClient}: its body publisher would block one of its two workers
     * on a slow browser, and with them every relay. A body that ends early fails the PUT on both
     * sides (the runtime keeps the slot open for a retry).
     */
    Answer upload(String runtimeUrl, String path, String contentType, long length, InputStream body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(runtimeUrl + path).toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(UPLOAD_ANSWER_TIMEOUT_MS);
            connection.setRequestProperty("Authorization", "Bearer " + tokens.mint("coordinator", Role.COORDINATOR, TOKEN_TTL));
            if (contentType != null && !contentType.isBlank()) {
                connection.setRequestProperty("Content-Type", contentType);
            }
            try (OutputStream out = connection.getOutputStream()) {
                body.transferTo(out);
            }
            int status = connection.getResponseCode();
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] bytes = answer == null ? new byte[0] : answer.readNBytes(MAX_UPLOAD_ANSWER);
            String type = connection.getContentType();
            return new Answer(status, type == null ? "application/json" : type, bytes);
        } finally {
            connection.disconnect();
        }
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", "Bearer " + tokens.mint("coordinator", Role.COORDINATOR, TOKEN_TTL));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                response.body());
    }
}
