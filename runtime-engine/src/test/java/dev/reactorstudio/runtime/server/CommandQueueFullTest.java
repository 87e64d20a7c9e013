package dev.reactorstudio.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-queued-commands} on the runtime API: while the model is busy, the queue takes that
 * many commands and the next {@code POST /command} is answered 429 at once, with the same sentence
 * the data-channel transports send as their {@code commandError} (it names the flag); the refused
 * command never runs.
 */
class CommandQueueFullTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLD = "{\"name\":\"hold\",\"args\":{}}";

    @Test
    void aCommandBeyondTheQueueIs429NamingTheFlagAndNeverReachesTheModel(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("classes"));
        Files.writeString(folder.resolve("manifest.json"), "{\"reactor-runtime\":\"0.1.0\",\"class\":\""
                + HoldingModel.class.getName() + "\",\"model_name\":\"holding\",\"model_version\":\"1.0.0\","
                + "\"args\":{\"fps\":30,\"size\":[16,16]},\"weights\":[]}");
        int limit = 2;
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(folder).withRuntimePort(0)
                .withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO))
                .withSecurity(SecurityOptions.defaults().withLimits(Limits.defaults().withQueuedCommands(limit))))) {
            services.loadModel();
            String api = services.runtimeUrl().toString();
            HoldingModel model = HoldingModel.latest();
            assertThat(post(api + "/start_session", "").statusCode()).isEqualTo(200);

            CompletableFuture<HttpResponse<String>> first = postAsync(api + "/command", HOLD);
            assertThat(model.holding.tryAcquire(20, TimeUnit.SECONDS)).as("the first hold runs").isTrue();
            // Sent at once, so they arrive in any order: whichever come first fill the queue, the rest are refused.
            int extra = 3;
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < limit + extra; i++) {
                replies.add(postAsync(api + "/command", HOLD));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> replies.stream().filter(CompletableFuture::isDone).count() == extra);
            List<HttpResponse<String>> refused = replies.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();

            for (HttpResponse<String> reply : refused) {
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(429);
                assertThat(reply.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(JSON.readTree(reply.body()).path("detail").asText())
                        .isEqualTo("command hold refused: 2 commands are already waiting for the model; send fewer, wait for "
                                + "the model to catch up, or raise reactor run --max-queued-commands");
            }
            Thread.sleep(300);
            assertThat(replies.stream().filter(CompletableFuture::isDone).count()).as("the queued ones wait for the model")
                    .isEqualTo(extra);
            model.release.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            for (CompletableFuture<HttpResponse<String>> reply : replies) {
                assertThat(reply.get(20, TimeUnit.SECONDS).statusCode()).isIn(200, 429);
            }
            assertThat(model.ran).as("the refused commands never ran").hasValue(1 + limit);
            assertThat(post(api + "/command", HOLD).statusCode()).as("room again once drained").isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return postAsync(url, body).get(30, TimeUnit.SECONDS);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
