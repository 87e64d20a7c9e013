package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runtime's HTTP API as the coordinator uses it ({@code POST /start_session},
 * {@code POST /stop_session}, {@code GET /info}). Over HTTP on purpose, even in-process, so the
 * coordinator can later route to runtimes on other machines. Owns one named worker thread.
 */
public final class RuntimeClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The runtime holds a start up to its stop grace (10 s by default) while the previous session ends. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #health()} waits: a health page should answer quickly or say the runtime did not. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    /** A runtime answer: HTTP status and JSON body (an empty object when the body is not JSON). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String detail() {
            return body.path("detail").asText("HTTP " + status);
        }
    }

    private final URI base;
    private final ExecutorService worker;
    private final HttpClient http;

    public RuntimeClient(URI base) {
        this.base = base;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-coordinator-runtime-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(worker).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    public Reply startSession() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/start_session"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .timeout(START_TIMEOUT).build());
    }

    public Reply stopSession() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/stop_session"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
    }

    /** {@code GET /health}: {@code state} is loading, failed, ready, serving, stopping or stuck, with a {@code detail}. */
    public Reply health() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/health")).GET().timeout(HEALTH_TIMEOUT).build());
    }

    public Reply info() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/info")).GET().timeout(Duration.ofSeconds(10)).build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        return new Reply(response.statusCode(), body == null ? JsonNodeFactory.instance.objectNode() : body);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
