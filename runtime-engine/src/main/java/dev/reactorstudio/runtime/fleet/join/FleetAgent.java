package dev.reactorstudio.runtime.fleet.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.auth.TokenRejectedException;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.upload.UploadRejectedException;
import dev.reactorstudio.runtime.upload.UploadStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What coordinators call on a joined runtime: {@code POST /fleet/start}, {@code POST /fleet/stop},
 * the SDK transport routes and its uploads, each with a coordinator token signed by the shared
 * secret ({@code GET /health} is open). Start, stop, transport and upload allocation go to this
 * runtime's own local-mode coordinator on loopback, which owns the WebRTC peers and knows the
 * viewer an upload belongs to; an upload's bytes stream from the coordinator straight into the
 * session's {@link UploadStore}. Tracks which fleet session it serves and
 * which ended, for the heartbeat. It listens on the network (coordinators call it), so it runs the
 * same {@link HttpGuard} as every server: no browser page is on its allow-list (only coordinators,
 * which send no {@code Origin}, call it), the {@code Host} check on a loopback bind, the body limit.
 */
public final class FleetAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetAgent.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final FleetTokens tokens;
    private final ModelHost host;
    private final URI localCoordinator;
    private final ExecutorService httpWorker;
    private final HttpClient http;
    private final HttpGuard guard = new HttpGuard("fleet agent", SecurityOptions.defaults());
    private final Javalin app;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private volatile String serving = "";
    private volatile String servingRuntimeSession = "";

    public FleetAgent(FleetTokens tokens, ModelHost host, URI localCoordinator) {
        this.tokens = tokens;
        this.host = host;
        this.localCoordinator = localCoordinator;
        this.httpWorker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-fleet-agent-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(httpWorker).connectTimeout(Duration.ofSeconds(3)).build();
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("reactor-fleet-agent");
        guard.allowLargeBodies("/uploads/"); // streamed into the upload store, which enforces the slot's size
        this.app = Javalin.create(config -> {
            guard.install(config);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = pool;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.routes.get("/health", ctx -> ctx.json(JSON.createObjectNode().put("status", "healthy")
                    .put("serving", serving)));
            config.routes.post("/fleet/start", this::start);
            config.routes.post("/fleet/stop", this::stop);
            config.routes.get("/sessions/{rsid}/transport/webrtc/ice_servers", this::relay);
            config.routes.post("/sessions/{rsid}/transport/webrtc/sdp_params", this::relay);
            config.routes.put("/sessions/{rsid}/transport/webrtc/sdp_params", this::relay);
            config.routes.get("/sessions/{rsid}/transport/webrtc/sdp_params", this::relay);
            config.routes.post("/sessions/{rsid}/uploads", this::relay);
            config.routes.put("/uploads/{rsid}/{uid}", this::receiveUpload);
        });
    }

    public FleetAgent start(String bindHost, int port) {
        guard.boundTo(bindHost);
        app.start(bindHost, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The fleet session running here, or empty. */
    public String serving() {
        return serving;
    }

    /** Fleet sessions that ended here and the coordinators have not been told of yet. */
    List<String> endedSessions() {
        return new ArrayList<>(ended);
    }

    void acknowledged(List<String> told) {
        told.forEach(ended::remove);
    }

    private boolean authorized(Context ctx) {
        try {
            tokens.verifyHeader(ctx.header("Authorization"), Role.COORDINATOR);
            return true;
        } catch (TokenRejectedException e) {
            ctx.status(401).json(JSON.createObjectNode().put("detail", e.getMessage()));
            return false;
        }
    }

    private synchronized void start(Context ctx) throws InterruptedException {
        if (!authorized(ctx)) {
            return;
        }
        String sessionId = fleetSessionId(ctx);
        if (sessionId.isEmpty()) {
            ctx.status(400).json(JSON.createObjectNode().put("detail", "session_id is missing"));
            return;
        }
        if (!serving.isEmpty()) {
            // The fleet gives a runtime one session at a time: one still here is stale (its stop was lost).
            LOG.info("Stopping stale fleet session {} before starting {}", serving, sessionId);
            stopLocal(serving);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = local("POST", "/start_session", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            ctx.status(502).json(JSON.createObjectNode().put("detail", "local coordinator unreachable: " + e.getMessage()));
            return;
        }
        if (answer.statusCode() / 100 == 2) {
            JsonNode body;
            try {
                body = JSON.readTree(answer.body());
            } catch (IOException e) {
                ctx.status(502).json(JSON.createObjectNode().put("detail", "local coordinator answered no JSON"));
                return;
            }
            track(sessionId, body.path("runtime_session_id").asText(""));
            servingRuntimeSession = body.path("session_id").asText("");
            LOG.info("Serving fleet session {} (runtime session {})", sessionId, body.path("runtime_session_id").asText());
        }
        ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
    }

    /** Watches the model session: when it ends (stop, crash, orphan timeout) the next heartbeat says so. */
    private void track(String fleetSession, String runtimeSessionId) {
        serving = fleetSession;
        Optional<Session> session = host.sessions().flatMap(SessionManager::current)
                .filter(s -> s.id().equals(runtimeSessionId));
        if (session.isEmpty()) {
            ended.add(fleetSession);
            serving = "";
            return;
        }
        // Any end (normal or failed) frees the runtime; nothing waits on the chained future.
        var unused = session.get().ended().whenComplete((event, error) -> {
            ended.add(fleetSession);
            if (serving.equals(fleetSession)) {
                serving = "";
                servingRuntimeSession = "";
            }
        });
    }

    private synchronized void stop(Context ctx) throws InterruptedException {
        if (!authorized(ctx)) {
            return;
        }
        String sessionId = fleetSessionId(ctx);
        boolean stopped = !sessionId.isEmpty() && sessionId.equals(serving) && stopLocal(sessionId);
        ctx.json(JSON.createObjectNode().put("stopped", stopped));
    }

    /** Stops the model session and waits (up to the grace) until it ended, so the runtime is really free. */
    private boolean stopLocal(String fleetSession) throws InterruptedException {
        Optional<Session> session = host.sessions().flatMap(SessionManager::current);
        try {
            local("POST", "/stop_session", null, new byte[0]);
        } catch (IOException e) {
            LOG.warn("Local coordinator unreachable stopping {}: {}", fleetSession, e.toString());
        }
        if (session.isPresent()) {
            try {
                session.get().ended().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Session of fleet session {} did not end within {} s", fleetSession, STOP_WAIT.toSeconds());
                return false;
            }
        }
        if (serving.equals(fleetSession)) {
            serving = "";
            servingRuntimeSession = "";
        }
        return true;
    }

    private void relay(Context ctx) throws InterruptedException {
        if (!authorized(ctx)) {
            return;
        }
        String runtimeSession = ctx.pathParam("rsid");
        if (servingRuntimeSession.isEmpty() || !servingRuntimeSession.equals(runtimeSession)) {
            ctx.status(404).json(JSON.createObjectNode().put("detail", "no such session on this runtime"));
            return;
        }
        try {
            HttpResponse<byte[]> answer = local(ctx.method().name(), ctx.path(), ctx.contentType(), ctx.bodyAsBytes());
            ctx.status(answer.statusCode()).contentType(answer.headers().firstValue("Content-Type")
                    .orElse("application/json")).result(answer.body());
        } catch (IOException e) {
            ctx.status(502).json(JSON.createObjectNode().put("detail", "local coordinator unreachable: " + e.getMessage()));
        }
    }

    /**
     * The bytes of an upload the local coordinator allocated for the session served here, streamed
     * to disk. A refused upload's body is read to its end and dropped first: the coordinator
     * streams it with a fixed length and would otherwise see a broken connection, not the reason.
     */
    private void receiveUpload(Context ctx) {
        if (!authorized(ctx)) {
            return;
        }
        String runtimeSession = ctx.pathParam("rsid");
        Optional<UploadStore> store = host.sessions().map(SessionManager::uploads);
        if (servingRuntimeSession.isEmpty() || !servingRuntimeSession.equals(runtimeSession) || store.isEmpty()) {
            drain(ctx);
            ctx.status(404).json(JSON.createObjectNode().put("detail", "no such session on this runtime"));
            return;
        }
        String uploadId = ctx.pathParam("uid");
        try {
            UploadedFile file = store.get().receive(uploadId, ctx.req().getContentLengthLong(), ctx.req().getInputStream());
            LOG.info("Received upload {} ({} bytes, {}) through the fleet", uploadId, file.size(), file.mimeType());
            ctx.json(JSON.createObjectNode().put("upload_id", uploadId).put("size", file.size()));
        } catch (UploadRejectedException e) {
            LOG.info("Refused an upload: {}", e.getMessage());
            drain(ctx);
            ctx.status(e.status()).json(JSON.createObjectNode().put("detail", e.getMessage()));
        } catch (IOException e) {
            ctx.status(400).json(JSON.createObjectNode().put("detail", "the upload broke off: " + e.getMessage()));
        }
    }

    private static void drain(Context ctx) {
        try {
            ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the coordinator went away: nobody waits for the answer
        }
    }

    private HttpResponse<byte[]> local(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(localCoordinator.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isBlank()) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String fleetSessionId(Context ctx) {
        try {
            return JSON.readTree(ctx.body()).path("session_id").asText("");
        } catch (IOException | NullPointerException e) {
            return "";
        }
    }

    @Override
    public void close() {
        app.stop();
        httpWorker.shutdownNow();
    }
}
