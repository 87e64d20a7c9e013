package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.JsonBody;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.StartRateLimiter;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.SessionManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator server (:8080). Declares the routes; the work is in {@link SessionStarter}
 * (start or join through the runtime API), {@link Viewers} (peers, data channels, liveness),
 * {@link UploadRoutes} (file uploads) and {@link LegacySocket} ({@code /ws}).
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    /** Fixed, so the thread count does not drift with load (the leak test compares counts). */
    private static final int HTTP_THREADS = 16;
    private static final String SDP = "/sessions/{sid}/transport/webrtc/sdp_params";

    private final ObjectMapper json = new ObjectMapper();
    private final CoordinatorOptions options;
    private final RuntimeClient runtime;
    private final MediaEngine media;
    private final SessionStarter starter;
    private final Viewers viewers;
    private final LegacySocket legacy;
    private final UploadRoutes uploads;
    private final String viewerPage;
    private final HttpGuard guard;
    private final StartRateLimiter startLimiter;
    private final Javalin app;
    private final Supplier<Optional<SessionManager>> sessions;
    /** The LiveKit media server's drop counters when one runs next to this coordinator, shown in {@code /health}. */
    private volatile Supplier<? extends Map<String, Long>> mediaServerCounters;

    /**
     * @param sessions the runtime's in-process session manager once its model loaded (frames and
     *                 messages flow through it; starting and stopping go over HTTP)
     */
    public Coordinator(CoordinatorOptions options, MediaEngine media, Supplier<Optional<SessionManager>> sessions,
                       TokenMinter tokens) {
        this.options = options;
        this.media = media;
        this.sessions = sessions;
        this.startLimiter = new StartRateLimiter(options.security().limits().sessionStartsPerMinute());
        this.runtime = new RuntimeClient(options.runtimeUrl());
        this.starter = new SessionStarter(runtime, sessions);
        this.viewers = new Viewers(media, sessions, options);
        this.legacy = new LegacySocket(starter, runtime, tokens, options.livekitUrl(), startLimiter,
                () -> sessions.get().flatMap(SessionManager::current).map(s -> s.info().clients()).orElse(0));
        this.uploads = new UploadRoutes(json, sessions, this::viewer);
        this.viewerPage = resource("viewer.html");
        this.guard = new HttpGuard("coordinator", options.security());
        // Upload bodies stream to disk under the upload limit (UploadStore), not the JSON body limit.
        guard.allowLargeBodies(UploadRoutes.PUT_PREFIX);
        QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, HTTP_THREADS);
        pool.setName("reactor-coordinator-http");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = pool;
            config.jsonMapper(new JavalinJackson(json, false));
            // Origin, Host and body size are checked before any route runs (preflights included).
            guard.install(config);
            config.routes.get("/", ctx -> ctx.html(viewerPage));
            config.routes.get("/health", this::health);
            config.routes.post("/start_session", this::startSession);
            config.routes.post("/stop_session", this::stopSession);
            config.routes.get("/sessions/{sid}/transport/webrtc/ice_servers", this::iceServers);
            config.routes.post(SDP, this::offer);
            config.routes.put(SDP, this::offer);
            config.routes.get(SDP, this::pollAnswer);
            config.routes.post(UploadRoutes.ALLOCATE, uploads::allocate);
            config.routes.put(UploadRoutes.PUT, uploads::receive);
            config.routes.ws("/ws", legacy::configure);
        });
    }

    public Coordinator start() {
        guard.boundTo(options.bindHost());
        app.start(options.bindHost(), options.port());
        LOG.info("Coordinator on http://{}:{} (runtime {})", options.bindHost(), app.port(), options.runtimeUrl());
        return this;
    }

    /** Every route this server answers (read from the router, so new routes are included). */
    public java.util.List<dev.reactorstudio.runtime.guard.ServedRoute> routes() {
        return dev.reactorstudio.runtime.guard.ServedRoute.of(app);
    }

    public int port() {
        return app.port();
    }

    /**
     * Shows {@code counters} (the LiveKit media server's drops and refusals, read on each request)
     * in {@code /health} under {@code media_server}, next to this server's own; the two front doors
     * do not know each other, so whoever runs both wires them.
     */
    public void showMediaServerCounters(Supplier<? extends Map<String, Long>> counters) {
        this.mediaServerCounters = counters;
    }

    private void health(Context ctx) throws InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("status", "healthy");
        body.put("active_connections", viewers.connected() + legacy.clients());
        body.put("pending_viewers", viewers.pending());
        body.put("oversize_messages_dropped", viewers.oversizeMessagesDropped());
        Supplier<? extends Map<String, Long>> liveKit = mediaServerCounters;
        if (liveKit != null) {
            ObjectNode media = body.putObject("media_server");
            liveKit.get().forEach(media::put);
        }
        body.put("runtime", options.runtimeUrl().toString());
        body.set("model", modelHealth());
        ctx.json(body);
    }

    /** The runtime's model state ({@code loading} with its progress, ready, serving, failed, ...), for pages and the studio. */
    private ObjectNode modelHealth() throws InterruptedException {
        ObjectNode model = json.createObjectNode();
        try {
            JsonNode health = runtime.health().body();
            model.put("state", health.path("state").asText("unknown"));
            model.put("detail", health.path("detail").asText(""));
        } catch (IOException e) {
            model.put("state", "unreachable");
            model.put("detail", "runtime at " + options.runtimeUrl() + ": " + e.getMessage());
        }
        return model;
    }

    private void startSession(Context ctx) throws InterruptedException {
        Limits limits = options.security().limits();
        long retryAfter = startLimiter.tryStart(ctx.ip());
        if (retryAfter > 0) {
            tooMany(ctx, retryAfter, startLimiter.refusal(ctx.ip(), retryAfter));
            return;
        }
        if (viewers.pending() >= limits.pendingPeers()) {
            tooMany(ctx, 1, viewers.pending() + " viewers are still connecting, the most --max-pending-peers allows; "
                    + "try again when they have connected or timed out (" + limits.pendingPeerLifetime().toSeconds() + " s)");
            return;
        }
        try {
            SessionStarter.Started started = starter.startOrJoin();
            int watching = Math.max(viewers.activeViewersOf(started.sessionId()), clientsOf(started.sessionId()));
            if (watching >= limits.viewersPerSession()) {
                tooMany(ctx, 5, "session " + started.sessionId() + " already has " + watching + " viewers, the most "
                        + "--max-viewers allows (" + limits.viewersPerSession() + ")");
                return;
            }
            Viewer viewer = viewers.add(started);
            ctx.json(SdkJson.sessionResponse(viewer.id, started));
        } catch (SessionStarter.StartFailed e) {
            if (e.status == 503) {
                ctx.header("Retry-After", "1");
            }
            ctx.status(e.status).json(SdkJson.detail(e.getMessage()));
        }
    }

    private static void tooMany(Context ctx, long retryAfterSeconds, String reason) {
        LOG.info("429 for {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), reason);
        ctx.header("Retry-After", Long.toString(retryAfterSeconds)).status(429).json(SdkJson.detail(reason));
    }

    /** Viewers of the session connected through any front door (the LiveKit media server's included). */
    private int clientsOf(String sessionId) {
        return sessions.get().flatMap(SessionManager::current).filter(s -> s.id().equals(sessionId))
                .map(s -> s.info().clients()).orElse(0);
    }

    /** Stops "the" session: the SDK sends no session id, so this ends it for every viewer (DESIGN §4). */
    private void stopSession(Context ctx) throws InterruptedException {
        RuntimeClient.Reply reply;
        try {
            reply = runtime.stopSession();
        } catch (IOException e) {
            ctx.status(502).json(SdkJson.detail("runtime unreachable: " + e.getMessage()));
            return;
        }
        viewers.closeAll();
        ctx.json(json.createObjectNode().put("stopped", reply.ok()));
    }

    private void iceServers(Context ctx) {
        if (viewer(ctx).isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("ice_servers");
        media.options().iceServers().forEach(url -> list.addObject().putArray("uris").add(url));
        ctx.json(body);
    }

    /** POST (first offer) and PUT (reconnect): must answer exactly 202; the answer is polled. */
    private void offer(Context ctx) {
        Viewer viewer = viewer(ctx).orElse(null);
        if (viewer == null) {
            return;
        }
        JsonNode body = JsonBody.object(ctx, "{\"sdp_offer\": \"<SDP>\"}").orElse(null);
        if (body == null) {
            return;
        }
        String offer = body.path("sdp_offer").asText("");
        if (offer.isEmpty()) {
            ctx.status(400).json(SdkJson.detail("sdp_offer is missing"));
            return;
        }
        viewers.negotiate(viewer, offer, TrackMapping.read(body, viewer.capabilities));
        ctx.status(202).json(json.createObjectNode().put("status", "pending"));
    }

    private void pollAnswer(Context ctx) {
        Viewer viewer = viewer(ctx).orElse(null);
        if (viewer == null) {
            return;
        }
        CompletableFuture<String> answer = viewer.answer();
        if (answer == null || !answer.isDone()) {
            ctx.status(202).json(json.createObjectNode().put("status", "pending"));
        } else if (answer.isCompletedExceptionally()) {
            Throwable failure = answer.handle((ok, e) -> e).join();
            while (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            // The session ended under the viewer (409), or its offer could not be answered (400): both are
            // the client's to act on, and neither is the server failing.
            int status = failure instanceof IllegalStateException ? 409 : 400;
            ctx.status(status).json(SdkJson.detail("negotiation failed: " + failure.getMessage()
                    + (status == 409 ? "" : "; send a new offer (PUT sdp_params)")));
        } else {
            ctx.json(json.createObjectNode().put("sdp_answer", answer.join()));
        }
    }

    private Optional<Viewer> viewer(Context ctx) {
        Optional<Viewer> viewer = viewers.get(ctx.pathParam("sid"));
        if (viewer.isEmpty()) {
            ctx.status(404).json(SdkJson.detail("unknown session " + ctx.pathParam("sid")
                    + " (it ended, or the coordinator restarted): start a new one"));
        }
        return viewer;
    }

    private static String resource(String name) {
        try (InputStream in = Coordinator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** Closes the viewers' peers and the server; the media engine and runtime belong to the caller. */
    @Override
    public void close() {
        viewers.close();
        app.stop();
        runtime.close();
    }
}
