package dev.reactorstudio.runtime.fleet.join;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this runtime with a coordinator and heartbeats every second on its own thread
 * ({@code reactor-fleet-heartbeat}). A heartbeat says which fleet session runs here and which
 * ended; a 404 (declared lost, or a new coordinator without the state) registers again. When a
 * coordinator is unreachable the next one in the list is used.
 */
public final class JoinClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JoinClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_TTL = Duration.ofMinutes(1);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** What this runtime registers as. */
    public record Registration(String id, String model, String version, String url) {
    }

    private final List<URI> coordinators;
    private final FleetTokens tokens;
    private final Registration registration;
    private final FleetAgent agent;
    private final ExecutorService httpWorker;
    private final HttpClient http;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long intervalMs = 1000;
    private int current;

    public JoinClient(List<URI> coordinators, FleetTokens tokens, Registration registration, FleetAgent agent) {
        this.coordinators = List.copyOf(coordinators);
        this.tokens = tokens;
        this.registration = registration;
        this.agent = agent;
        this.httpWorker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-fleet-join-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(httpWorker).connectTimeout(Duration.ofSeconds(2)).build();
        this.thread = new Thread(this::loop, "reactor-fleet-heartbeat");
        thread.setDaemon(true);
    }

    /**
     * Registers with the first coordinator that answers, then heartbeats in the background. While
     * no coordinator is reachable (they start later, or restart) it keeps trying every
     * {@link #RETRY}, so start order does not matter.
     *
     * @throws JoinRefusedException a coordinator refused (e.g. a wrong secret); the message says why
     */
    public void join() throws JoinRefusedException, InterruptedException {
        int failures = 0;
        while (running) {
            try {
                register();
                thread.start();
                return;
            } catch (IOException e) {
                if (failures++ % coordinators.size() == 0) {
                    LOG.warn("Coordinator {} unreachable ({}); retrying", coordinator(), e.toString());
                }
                current = (current + 1) % coordinators.size();
                if (current == 0) {
                    Thread.sleep(RETRY.toMillis());
                }
            }
        }
        throw new InterruptedException("closed before joining");
    }

    private URI coordinator() {
        return coordinators.get(current);
    }

    private void register() throws IOException, InterruptedException, JoinRefusedException {
        ObjectNode body = JSON.createObjectNode().put("id", registration.id()).put("model", registration.model())
                .put("version", registration.version()).put("url", registration.url());
        HttpResponse<String> answer = post("/fleet/runtimes", body.toString());
        if (answer.statusCode() / 100 != 2) {
            throw new JoinRefusedException("coordinator " + coordinator() + " refused this runtime: HTTP "
                    + answer.statusCode() + " " + detail(answer.body()));
        }
        intervalMs = Math.max(200, JSON.readTree(answer.body()).path("heartbeat_ms").asLong(1000));
        LOG.info("Joined the fleet at {} as {} (model {} {}, {})", coordinator(), registration.id(), registration.model(),
                registration.version(), registration.url());
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMs);
                beat();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Heartbeat to {} failed: {}", coordinator(), e.toString());
                current = (current + 1) % coordinators.size();
            } catch (JoinRefusedException e) {
                LOG.error("{}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Heartbeat failed", e);
            }
        }
    }

    private void beat() throws IOException, InterruptedException, JoinRefusedException {
        List<String> ended = agent.endedSessions();
        ObjectNode body = JSON.createObjectNode().put("serving", agent.serving());
        ArrayNode list = body.putArray("ended");
        ended.forEach(list::add);
        HttpResponse<String> answer = post("/fleet/runtimes/" + registration.id() + "/heartbeat", body.toString());
        if (answer.statusCode() == 404) {
            LOG.warn("Coordinator {} does not know this runtime ({}); registering again", coordinator(), detail(answer.body()));
            agent.acknowledged(ended);
            register();
        } else if (answer.statusCode() / 100 == 2) {
            agent.acknowledged(ended);
        } else if (answer.statusCode() == 401) {
            throw new JoinRefusedException("coordinator " + coordinator() + " refused the heartbeat: " + detail(answer.body()));
        } else {
            throw new IOException("heartbeat answered HTTP " + answer.statusCode() + " " + detail(answer.body()));
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(coordinator() + path)).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", "Bearer " + tokens.mint("runtime:" + registration.id(), Role.RUNTIME, TOKEN_TTL));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String detail(String body) {
        try {
            return JSON.readTree(body).path("detail").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    /** Stops heartbeating and tells the coordinator this runtime leaves (so nothing waits 3 s for it). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
            send(HttpRequest.newBuilder(URI.create(coordinator() + "/fleet/runtimes/" + registration.id()))
                    .timeout(Duration.ofSeconds(2)).DELETE());
        } catch (IOException e) {
            LOG.debug("Could not deregister: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            httpWorker.shutdownNow();
        }
    }
}
