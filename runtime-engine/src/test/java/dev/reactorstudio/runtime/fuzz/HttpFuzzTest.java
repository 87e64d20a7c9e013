package dev.reactorstudio.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.coordinator.StackUnderTest;
import dev.reactorstudio.runtime.fleet.FleetCoordinator;
import dev.reactorstudio.runtime.fleet.FleetOptions;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.guard.ServedRoute;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.livekit.LiveKitTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile HTTP against every route of the runtime API (:8081), the media server (:7880), the
 * local coordinator (:8080) — started as {@code reactor run} starts them, serving hello-pattern
 * on 127.0.0.1 — and the fleet coordinator ({@code reactor coordinator}) with valid and invalid
 * tokens. Routes come from the servers' routers, so a new route is fuzzed without listing it.
 * Every answer is a 2xx/4xx with a reason, never a 5xx; afterwards every server is healthy and a
 * normal start → command → stop works. Seeded and bounded ({@code bench/fuzz.sh http N} runs longer).
 */
class HttpFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFuzzTest.class);
    private static final String FLEET_SECRET = "http-fuzz-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static StackUnderTest stack;
    private static FleetCoordinator fleet;

    @BeforeAll
    static void start() throws Exception {
        // Starts as fast as the fuzzer sends them, so the handlers behind the rate limit are fuzzed too.
        SecurityOptions security = SecurityOptions.defaults()
                .withLimits(Limits.defaults().withSessionStartsPerMinute(1_000_000));
        stack = StackUnderTest.example("hello-pattern", "127.0.0.1", Map.of(), HostOptions.defaults(), security);
        fleet = new FleetCoordinator(FleetOptions.defaults(FLEET_SECRET).withBind("127.0.0.1", 0)
                .withApiKeys(Set.of("fuzz-key")).withSecurity(security)).start();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyAnswerIsA2xxOr4xxWithAReasonAndTheServersStayHealthy() throws Exception {
        FuzzRun run = FuzzRun.configured(20261203L, 1500);
        List<HttpFuzzer.Target> targets = targets();
        for (HttpFuzzer.Target target : targets) {
            assertThat(target.routes()).as("%s reports its routes", target.name()).isNotEmpty();
        }
        HttpFuzzer.Result result = new HttpFuzzer(targets).run(run, 50);
        LOG.warn("http fuzz: {} cases (seed {}) over {} routes of {} servers: {} failures, {} cases/s; statuses {}",
                result.cases(), run.seed(), targets.stream().mapToInt(t -> t.routes().size()).sum(), targets.size(),
                result.failures().size(), Math.round(result.rate()), result.statuses());
        assertThat(result.failures()).as("answers that are 5xx, not JSON, or carry no reason").isEmpty();

        List<String> unvisited = new ArrayList<>();
        for (HttpFuzzer.Target target : targets) {
            for (ServedRoute route : target.routes()) {
                if (!result.perRoute().containsKey(target.name() + " " + route)) {
                    unvisited.add(target.name() + " " + route);
                }
            }
        }
        if (run.iterations() >= 1000) {
            // A short replay (-Dfuzz.iterations=N) may not reach every route; CI's run must.
            assertThat(unvisited).as("every route got cases with its own method").isEmpty();
        }
        assertThat(result.statuses().keySet()).as("handlers ran (2xx) and refused (4xx)")
                .anyMatch(s -> s >= 200 && s < 300).anyMatch(s -> s >= 400 && s < 500);

        serversAreHealthyAndASessionStillWorks();
    }

    private static List<HttpFuzzer.Target> targets() {
        List<HttpFuzzer.Target> targets = new ArrayList<>();
        String liveKitToken = stack.services.liveKitTokens().mint("fuzzer", LiveKitTokens.ROOM, Duration.ofHours(1));
        for (Map.Entry<URI, List<ServedRoute>> server : stack.services.routes().entrySet()) {
            URI base = server.getKey();
            List<ServedRoute> routes = server.getValue();
            boolean media = routes.stream().allMatch(r -> r.path().startsWith("/rtc"));
            boolean coordinator = routes.stream().anyMatch(r -> r.path().startsWith("/sessions/"));
            String name = media ? "media" : coordinator ? "coordinator" : "runtime";
            targets.add(new HttpFuzzer.Target(name, base.getHost(), base.getPort(), routes,
                    media ? Arrays.asList(null, "Bearer " + liveKitToken, "Bearer " + liveKitToken, "Bearer x.y.z")
                            : Arrays.asList(null, null, "Bearer junk"),
                    Map.of("/command", List.of("{\"name\":\"set_palette\",\"args\":{\"palette\":\"cool\"}}",
                                    "{\"name\":\"set_speed\",\"args\":{\"speed\":2.5}}", "{\"name\":\"reset\",\"args\":{}}"),
                            "/sessions/{sid}/transport/webrtc/sdp_params", List.of("{\"sdp_offer\":\"v=0\\r\\no=- 1 2 IN IP4 "
                                    + "127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n\",\"extra_args\":{}}"),
                            "/sessions/{sid}/uploads", List.of("{\"name\":\"a.png\",\"size\":12,\"mime_type\":\"image/png\"}"),
                            "/start_session", List.of("{}")),
                    route -> route.path().startsWith("/rtc") || route.path().equals("/") || route.path().equals("/metrics")));
        }
        FleetTokens tokens = new FleetTokens(FLEET_SECRET);
        String client = "Bearer " + tokens.mint("fuzz-client", Role.CLIENT, Duration.ofHours(1));
        String runtime = "Bearer " + tokens.mint("runtime:fuzz", Role.RUNTIME, Duration.ofHours(1));
        targets.add(new HttpFuzzer.Target("fleet", "127.0.0.1", fleet.port(), fleet.routes(),
                Arrays.asList(client, client, client, runtime, null, "Bearer x.y.z", "Basic Zm9vOmJhcg=="),
                Map.of("/sessions", List.of("{\"model\":{\"name\":\"hello-pattern\"},\"client_info\":{\"sdk_version\":\"2.9.0\","
                                + "\"sdk_type\":\"js\"},\"supported_transports\":[{\"protocol\":\"webrtc\",\"version\":\"1.0\"}]}"),
                        // The only runtime address a fuzzed registration names: a closed local port (tests never reach out).
                        "/fleet/runtimes", List.of("{\"id\":\"rt-fuzz\",\"model\":\"hello-pattern\",\"version\":\"1.0.0\","
                                + "\"url\":\"http://127.0.0.1:9\"}"),
                        "/fleet/runtimes/{rid}/heartbeat", List.of("{\"serving\":\"\",\"ended\":[]}"),
                        "/sessions/{sid}/transport/webrtc/sdp_params", List.of("{\"sdp_offer\":\"v=0\",\"extra_args\":{}}")),
                route -> route.path().equals("/metrics")));
        return targets;
    }

    private static void serversAreHealthyAndASessionStillWorks() throws Exception {
        URI runtime = stack.services.runtimeUrl();
        URI coordinator = stack.services.coordinatorUrl().orElseThrow();
        assertThat(send("GET", runtime + "/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", coordinator + "/health", null).body()).contains("\"status\":\"healthy\"");
        assertThat(send("GET", "http://127.0.0.1:" + fleet.port() + "/health", null).statusCode()).isEqualTo(200);
        String token = stack.services.liveKitTokens().mint("after-fuzz", LiveKitTokens.ROOM, Duration.ofMinutes(5));
        String media = stack.services.mediaUrl().orElseThrow().replace("ws://", "http://");
        HttpResponse<String> validate = send("GET", media + "/rtc/validate?access_token=" + token, null);
        assertThat(validate.statusCode()).as(validate.body()).isEqualTo(200);

        HttpResponse<String> started = send("POST", coordinator + "/start_session", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        HttpResponse<String> command = send("POST", runtime + "/command", "{\"name\":\"set_palette\",\"args\":{\"palette\":\"neon\"}}");
        assertThat(command.statusCode()).as(command.body()).isEqualTo(200);
        JsonNode values = FuzzJson.JSON.readTree(send("GET", runtime + "/info", null).body()).path("values");
        assertThat(values.path("palette").asText()).as("the model ran the command after the fuzzing").isEqualTo("neon");
        HttpResponse<String> stopped = send("POST", runtime + "/stop_session", null);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        LOG.info("after the fuzz: health 200 on all servers; start → command → stop worked ({})",
                stack.sessions().current().map(s -> s.id()).stream().collect(Collectors.joining()));
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
