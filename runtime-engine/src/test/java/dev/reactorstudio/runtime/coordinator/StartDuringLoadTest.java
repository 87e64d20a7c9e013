package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start sent while the model loads (a user clicking Connect right after {@code reactor run}
 * printed its URLs) is held until the model is ready, with {@code /health} showing the load
 * meanwhile; a failed load or one past the bound answers 503 with {@code Retry-After}.
 */
class StartDuringLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * A generous bound for what takes a moment on a quiet machine: the model compiles while the test
     * polls, and on a loaded machine the first /health of a cold server can outlast a 5 s timeout
     * (the polls retry it).
     */
    private static final Duration LOADED_MACHINE = Duration.ofSeconds(60);

    /** A model whose constructor waits for a gate file; "fail" in it makes the load fail. */
    private static Path gatedModel(Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        Files.writeString(dir.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_gated:GatedModel","model_name":"gated","model_version":"1.0.0",
                 "args":{"gate":"%s"}}
                """.formatted(gate.toString().replace("\\", "/")));
        Files.writeString(dir.resolve("model_gated.java"), """
                import dev.reactorstudio.runtime.api.*;
                import java.nio.file.*;
                public class GatedModel extends VideoModel {
                    public record Args(String gate) {}
                    public GatedModel(Args args) throws Exception {
                        long deadline = System.currentTimeMillis() + 60_000;
                        while (!Files.exists(Path.of(args.gate())) && System.currentTimeMillis() < deadline) Thread.sleep(20);
                        if (Files.readString(Path.of(args.gate())).contains("fail")) throw new IllegalStateException("weights are corrupt");
                    }
                    public void startSession() throws Exception {
                        var ctx = Reactor.ctx();
                        while (!ctx.shouldStop()) { ctx.emitBlock(new byte[12], 2, 2, 3); Thread.sleep(10); }
                    }
                }
                """);
        return gate;
    }

    private static ReactorServices services(Path dir) {
        return ReactorServices.start(ServiceOptions.defaults(dir).withRuntimePort(0)
                .withMediaPort(ServiceOptions.NO_MEDIA).withCoordinatorPort(0));
    }

    private static Thread loadInBackground(ReactorServices services) {
        Thread loader = new Thread(() -> {
            try {
                services.loadModel();
            } catch (ModelHostException e) {
                // The failing-load test expects this; health reports it.
            }
        }, "test-loader");
        loader.start();
        return loader;
    }

    private static CompletableFuture<HttpResponse<String>> postStart(ReactorServices services) {
        URI uri = services.coordinatorUrl().orElseThrow().resolve("/start_session");
        return HTTP.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(150)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode coordinatorHealth(ReactorServices services) throws Exception {
        URI uri = services.coordinatorUrl().orElseThrow().resolve("/health");
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri).GET().timeout(LOADED_MACHINE).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aStartWhileTheModelLoadsIsHeldUntilItIsReadyAndThenServed(@TempDir Path dir) throws Exception {
        Path gate = gatedModel(dir);
        try (ReactorServices services = services(dir)) {
            Thread loader = loadInBackground(services);
            CompletableFuture<HttpResponse<String>> start = postStart(services);

            await().atMost(LOADED_MACHINE).ignoreExceptionsInstanceOf(HttpTimeoutException.class).until(() ->
                    "loading".equals(coordinatorHealth(services).path("model").path("state").asText()));
            // No sleep to "give it time": a start answered before the gate opens is an error reply
            // (there is no model to start), so the 200 below proves it was held.
            assertThat(start).as("held while loading").isNotDone();

            Files.writeString(gate, "open");
            HttpResponse<String> reply = start.get(120, TimeUnit.SECONDS);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(JSON.readTree(reply.body()).path("session_id").asText()).isNotEmpty();
            assertThat(services.host().sessions().orElseThrow().current()).isPresent();
            assertThat(coordinatorHealth(services).path("model").path("state").asText()).isEqualTo("serving");
            loader.join(60_000);
        }
    }

    @Test
    void aLoadThatFailsAnswersTheHeldStartWith503AndTheReason(@TempDir Path dir) throws Exception {
        Path gate = gatedModel(dir);
        try (ReactorServices services = services(dir)) {
            Thread loader = loadInBackground(services);
            CompletableFuture<HttpResponse<String>> start = postStart(services);
            await().atMost(LOADED_MACHINE).ignoreExceptionsInstanceOf(HttpTimeoutException.class).until(() ->
                    "loading".equals(coordinatorHealth(services).path("model").path("state").asText()));

            Files.writeString(gate, "fail");
            HttpResponse<String> reply = start.get(120, TimeUnit.SECONDS);
            assertThat(reply.statusCode()).isEqualTo(503);
            assertThat(reply.headers().firstValue("Retry-After")).isPresent();
            assertThat(reply.body()).contains("failed to load").contains("weights are corrupt");
            loader.join(60_000);
        }
    }

    @Test
    void aLoadLongerThanTheBoundIsRefusedWithTheProgressToRetryLater(@TempDir Path dir) throws Exception {
        Path gate = gatedModel(dir);
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(dir).withRuntimePort(0)
                .withMediaPort(ServiceOptions.NO_MEDIA).withCoordinatorPort(ServiceOptions.NO_COORDINATOR));
             RuntimeClient runtime = new RuntimeClient(services.runtimeUrl())) {
            Thread loader = loadInBackground(services);
            await().atMost(LOADED_MACHINE).ignoreExceptionsInstanceOf(HttpTimeoutException.class)
                    .until(() -> "loading".equals(runtime.health().body().path("state").asText()));
            ModelLoadWait wait = new ModelLoadWait(runtime, Duration.ofMillis(600));

            long begun = System.nanoTime();
            assertThatThrownBy(() -> wait.awaitLoaded(begun))
                    .isInstanceOfSatisfying(SessionStarter.StartFailed.class, e -> assertThat(e.status).isEqualTo(503))
                    .hasMessageContaining("still loading after");
            assertThat(System.nanoTime() - begun).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(600));

            Files.writeString(gate, "open");
            loader.join(30_000);
            wait.awaitLoaded(System.nanoTime()); // loaded: returns at once
        }
    }

    @Test
    void aHealthPollThatTimesOutWhileTheModelLoadsDoesNotDropTheHeldStart() throws Exception {
        // A stand-in runtime whose /health says loading, then once answers after the client's timeout
        // (the machine is busy loading the model), then says ready. Before, that one late answer
        // turned the held start into "runtime unreachable" although the load went on.
        AtomicInteger polls = new AtomicInteger();
        HttpServer slowRuntime = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        slowRuntime.setExecutor(handlers);
        slowRuntime.createContext("/health", exchange -> {
            int poll = polls.incrementAndGet();
            try {
                if (poll == 2) {
                    Thread.sleep(RuntimeClient.HEALTH_TIMEOUT.plusSeconds(1).toMillis());
                }
                byte[] body = ("{\"state\":\"" + (poll < 3 ? "loading" : "ready") + "\",\"detail\":\"poll " + poll + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException | IOException e) {
                // The client gave up on the late answer.
            } finally {
                exchange.close();
            }
        });
        slowRuntime.start();
        try (RuntimeClient runtime = new RuntimeClient(URI.create("http://127.0.0.1:" + slowRuntime.getAddress().getPort()))) {
            new ModelLoadWait(runtime, Duration.ofMinutes(2)).awaitLoaded(System.nanoTime());
            assertThat(polls.get()).as("health polls: loading, late, ready").isGreaterThanOrEqualTo(3);
        } finally {
            slowRuntime.stop(0);
            handlers.shutdownNow();
        }
    }
}
