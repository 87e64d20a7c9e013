package dev.reactorstudio.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime API says before the model is ready, and when it cannot load. */
class RuntimeServerLoadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void whileLoadingHealthSaysLoadingAndStartAsksToRetry(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        Files.writeString(dir.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_slow:SlowModel","model_name":"slow","model_version":"1.0.0",
                 "args":{"gate":"%s"}}
                """.formatted(gate.toString().replace("\\", "/")));
        // The constructor waits until the test creates the gate file: loading stays in progress meanwhile.
        Files.writeString(dir.resolve("model_slow.java"), """
                import dev.reactorstudio.runtime.api.*;
                import java.nio.file.*;
                public class SlowModel extends VideoModel {
                    public record Args(String gate) {}
                    public SlowModel(Args args) throws Exception {
                        long deadline = System.currentTimeMillis() + 30_000;
                        while (!Files.exists(Path.of(args.gate())) && System.currentTimeMillis() < deadline) Thread.sleep(20);
                    }
                    public void startSession() {}
                }
                """);
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(dir).withRuntimePort(0))) {
            Thread loader = new Thread(() -> {
                try {
                    services.loadModel();
                } catch (ModelHostException e) {
                    throw new AssertionError(e);
                }
            });
            loader.start();
            HttpResponse<String> health = get(services, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("state").asText()).isEqualTo("loading");
            HttpResponse<String> start = post(services, "/start_session");
            assertThat(start.statusCode()).isEqualTo(503);
            assertThat(start.headers().firstValue("Retry-After")).contains("1");
            Files.writeString(gate, "open");
            loader.join(TimeUnit.SECONDS.toMillis(30));
            JsonNode ready = JSON.readTree(get(services, "/health").body());
            assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
        }
    }

    @Test
    void aModelThatFailsToLoadMakesHealthUnhealthyWithTheReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_bad:BadModel","model_name":"bad","model_version":"1.0.0"}
                """);
        Files.writeString(dir.resolve("model_bad.java"), """
                import dev.reactorstudio.runtime.api.*;
                public class BadModel extends VideoModel {
                    public void startSession() { int x = "not a number"; }
                }
                """);
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(dir).withRuntimePort(0))) {
            assertThatThrownBy(services::loadModel).isInstanceOf(ModelHostException.class)
                    .hasMessageContaining("model_bad.java:3");
            HttpResponse<String> health = get(services, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.get("status").asText()).isEqualTo("unhealthy");
            assertThat(body.get("detail").asText()).contains("model_bad.java:3");
            assertThat(post(services, "/start_session").statusCode()).isEqualTo(503);
        }
    }

    private static HttpResponse<String> get(ReactorServices services, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(services.runtimeUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ReactorServices services, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(services.runtimeUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
