package dev.reactorstudio.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.concurrent.Shutdown;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.auth.TokenRejectedException;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.JsonBody;
import dev.reactorstudio.runtime.metrics.PrometheusText;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reactor coordinator}: the fleet's front door. Serves the JS SDK's production routes
 * ({@code POST/GET/DELETE /sessions}, the transport and upload routes relayed to the assigned runtime),
 * {@code GET /tokens}, the runtimes' join routes, {@code GET /fleet}, {@code /metrics} and
 * {@code /health}. Every route but {@code /health}, {@code /metrics} and CORS preflights needs a
 * token. Owns the state store, the {@link Dispatcher} and the threads it calls runtimes on.
 */
public final class FleetCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetCoordinator.class);
    private static final int HTTP_THREADS = 32;
    private static final int RUNTIME_CALL_THREADS = 8;
    private static final String TRANSPORT = "/sessions/{sid}/transport/webrtc/";
    /** Where the SDK PUTs an upload's bytes: the presigned URL this coordinator hands out (no token on it). */
    private static final String UPLOAD_PUT_PREFIX = "/uploads/";
    private static final Pattern FORWARDED_HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String REGISTRATION = "{\"id\", \"model\", \"version\", \"url\"}";
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ObjectMapper json = new ObjectMapper();
    private final FleetOptions options;
    private final FleetTokens tokens;
    private final ApiKeys apiKeys;
    private final FleetState state;
    private final FleetMetrics metrics;
    private final ExecutorService runtimeCalls;
    private final RuntimeLink runtimes;
    private final Dispatcher dispatcher;
    private final HttpGuard guard;
    private final Javalin app;

    /** Opens the state store {@code options.state()} names. */
    public FleetCoordinator(FleetOptions options) {
        this(options, options.openState());
    }

    /** @param state the store to use; this coordinator closes it */
    public FleetCoordinator(FleetOptions options, FleetState state) {
        this.options = options;
        this.tokens = new FleetTokens(options.secret());
        this.apiKeys = new ApiKeys(options.apiKeys());
        this.state = state;
        this.metrics = new FleetMetrics(state);
        AtomicInteger n = new AtomicInteger();
        this.runtimeCalls = Executors.newFixedThreadPool(RUNTIME_CALL_THREADS, r -> {
            Thread t = new Thread(r, "reactor-fleet-runtime-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.runtimes = new RuntimeLink(tokens);
        this.dispatcher = new Dispatcher(state, runtimes, metrics, options, runtimeCalls);
        this.guard = new HttpGuard("fleet coordinator", options.security());
        // Upload bodies stream through to the runtime, which holds them to its upload limit.
        guard.allowLargeBodies(UPLOAD_PUT_PREFIX);
        QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, 4);
        pool.setName("reactor-fleet-http");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = pool;
            config.jsonMapper(new JavalinJackson(json, false));
            // Origin allow-list, Host check on loopback binds, body limit, CORS for allowed pages: before any route.
            guard.install(config);
            config.routes.get("/health", this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.scrape()));
            config.routes.get("/tokens", this::mintToken);
            config.routes.post("/sessions", this::createSession);
            config.routes.get("/sessions/{sid}", this::getSession);
            config.routes.get("/sessions/{sid}/info", this::getSessionInfo);
            config.routes.delete("/sessions/{sid}", this::deleteSession);
            config.routes.get(TRANSPORT + "ice_servers", ctx -> relay(ctx, "ice_servers"));
            config.routes.post(TRANSPORT + "sdp_params", ctx -> relay(ctx, "sdp_params"));
            config.routes.put(TRANSPORT + "sdp_params", ctx -> relay(ctx, "sdp_params"));
            config.routes.get(TRANSPORT + "sdp_params", ctx -> relay(ctx, "sdp_params"));
            config.routes.post("/sessions/{sid}/uploads", this::allocateUpload);
            config.routes.put(UPLOAD_PUT_PREFIX + "{sid}/{uid}", this::relayUpload);
            config.routes.get("/fleet", this::fleet);
            config.routes.post("/fleet/runtimes", this::register);
            config.routes.post("/fleet/runtimes/{rid}/heartbeat", this::heartbeat);
            config.routes.delete("/fleet/runtimes/{rid}", this::deregister);
            config.routes.exception(io.lettuce.core.RedisException.class, (e, ctx) -> {
                LOG.warn("State store unavailable: {}", e.toString());
                ctx.status(503).header("Retry-After", "1").json(FleetJson.detail("fleet state store unavailable: " + e.getMessage()));
            });
        });
    }

    public FleetCoordinator start() {
        try {
            guard.boundTo(options.bindHost());
            app.start(options.bindHost(), options.port());
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the coordinator on " + options.bindHost() + ":" + options.port()
                    + " — is the port in use? (" + e.getMessage() + ")", e);
        }
        dispatcher.start();
        LOG.info("Fleet coordinator on http://{}:{} (state: {})", options.bindHost(), app.port(), stateName());
        return this;
    }

    /** Every route this server answers (read from the router, so new routes are included). */
    public java.util.List<dev.reactorstudio.runtime.guard.ServedRoute> routes() {
        return dev.reactorstudio.runtime.guard.ServedRoute.of(app);
    }

    public int port() {
        return app.port();
    }

    private String stateName() {
        return options.state().startsWith("redis") ? "redis" : "memory";
    }

    private void health(Context ctx) {
        ObjectNode body = json.createObjectNode().put("state_store", stateName());
        try {
            state.ping();
            body.put("status", "healthy");
            ctx.json(body);
        } catch (RuntimeException e) {
            body.put("status", "unhealthy").put("detail", "state store unreachable: " + e.getMessage());
            ctx.status(503).json(body);
        }
    }

    private void mintToken(Context ctx) {
        if (apiKeys.isEmpty()) {
            unauthorized(ctx, "this coordinator has no API keys: start it with --api-key KEY or --api-keys-file FILE");
            return;
        }
        Optional<String> subject = apiKeys.subjectFor(ctx.header("Reactor-API-Key"));
        if (subject.isEmpty()) {
            unauthorized(ctx, "missing or unknown Reactor-API-Key header");
            return;
        }
        String model = ctx.queryParam("model");
        if (model != null && !MODEL_NAME.matcher(model).matches()) {
            ctx.status(400).json(FleetJson.detail("model must be a model_name (letters, digits, . _ -)"));
            return;
        }
        Duration ttl = options.tokenTtl();
        ctx.json(json.createObjectNode().put("jwt", tokens.mint(subject.get(), Role.CLIENT, ttl, model))
                .put("expires_in", ttl.toSeconds()));
    }

    private void createSession(Context ctx) {
        FleetTokens.Verified client = client(ctx);
        if (client == null) {
            return;
        }
        JsonNode body = JsonBody.object(ctx, "{\"model\": {\"name\": \"<model_name>\"}}").orElse(null);
        if (body == null) {
            return;
        }
        String model = body.path("model").path("name").asText("");
        if (!MODEL_NAME.matcher(model).matches()) {
            ctx.status(400).json(FleetJson.detail("model.name is missing or not a model_name: send {\"model\": {\"name\": \"<model_name>\"}}"));
            return;
        }
        if (!client.allowsModel(model)) {
            unauthorized(ctx, "this token is for model " + client.model() + ", not " + model);
            return;
        }
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        long position = state.enqueue(id, model, client.subject(), now);
        dispatcher.kick();
        SessionEntry created = new SessionEntry(id, model, client.subject(), SessionEntry.WAITING, now, "", "", "", "");
        ctx.json(FleetJson.session(created, position));
    }

    /** The SDK's poll: one state-store round trip (it also keeps a waiting session queued). */
    private void getSession(Context ctx) {
        FleetTokens.Verified client = client(ctx);
        if (client == null) {
            return;
        }
        String id = ctx.pathParam("sid");
        Optional<FleetState.Poll> poll = ID.matcher(id).matches()
                ? state.poll(id, client.subject(), System.currentTimeMillis()) : Optional.empty();
        if (poll.isEmpty() || !poll.get().session().subject().equals(client.subject())) {
            unknownSession(ctx, id);
            return;
        }
        ctx.json(FleetJson.session(poll.get().session(), poll.get().position()));
    }

    private void getSessionInfo(Context ctx) {
        SessionEntry session = ownSession(ctx);
        if (session != null) {
            ctx.json(FleetJson.info(session));
        }
    }

    private void deleteSession(Context ctx) {
        SessionEntry session = ownSession(ctx);
        if (session == null) {
            return;
        }
        String reason = "the client ended it";
        try {
            String given = json.readTree(ctx.body()).path("reason").asText("");
            if (!given.isBlank()) {
                reason = "the client ended it: " + given.substring(0, Math.min(200, given.length()));
            }
        } catch (IOException | NullPointerException e) {
            // no body (the SDK sends none)
        }
        Optional<SessionEntry> before = state.close(session.id(), reason, System.currentTimeMillis());
        before.ifPresent(b -> {
            metrics.sessionClosed("client");
            if (!b.runtimeId().isEmpty()) {
                dispatcher.stopLater(b.runtimeId(), b.id());
            }
        });
        ctx.json(FleetJson.info(state.session(session.id()).orElse(session)));
    }

    /** Relays a transport route to the runtime serving the session, under the runtime's own id for it. */
    private void relay(Context ctx, String tail) throws InterruptedException {
        SessionEntry session = ownSession(ctx);
        RuntimeEntry runtime = session == null ? null : servingRuntime(ctx, session);
        if (runtime == null) {
            return;
        }
        String path = "/sessions/" + session.runtimeSession() + "/transport/webrtc/" + tail;
        try {
            RuntimeLink.Answer answer = runtimes.relay(runtime.url(), ctx.method().name(), path, ctx.contentType(),
                    ctx.bodyAsBytes());
            ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
        } catch (IOException e) {
            unreachable(ctx, runtime, e);
        }
    }

    /**
     * {@code POST /sessions/{sid}/uploads}: the runtime allocates the slot (and applies its upload
     * limits); the presigned URL it answers with is replaced by one on this coordinator, so the
     * browser keeps talking to one origin and the bytes are streamed through.
     */
    private void allocateUpload(Context ctx) throws InterruptedException {
        SessionEntry session = ownSession(ctx);
        RuntimeEntry runtime = session == null ? null : servingRuntime(ctx, session);
        if (runtime == null) {
            return;
        }
        RuntimeLink.Answer answer;
        try {
            answer = runtimes.relay(runtime.url(), "POST", "/sessions/" + session.runtimeSession() + "/uploads",
                    ctx.contentType(), ctx.bodyAsBytes());
        } catch (IOException e) {
            unreachable(ctx, runtime, e);
            return;
        }
        if (answer.ok()) {
            JsonNode slot;
            try {
                slot = answer.json();
            } catch (IOException e) {
                slot = null;
            }
            String uploadId = slot == null ? "" : slot.path("presigned_id").asText("");
            if (!(slot instanceof ObjectNode) || !ID.matcher(uploadId).matches()) {
                ctx.status(502).json(FleetJson.detail("runtime " + runtime.id() + " answered the upload request without a presigned_id"));
                return;
            }
            ((ObjectNode) slot).put("presigned_url", publicOrigin(ctx) + UPLOAD_PUT_PREFIX + session.id() + "/" + uploadId);
            ctx.status(answer.status()).json(slot);
            return;
        }
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    /**
     * {@code PUT /uploads/{sid}/{uid}}: the SDK sends the bytes with no token (as to an object
     * store's presigned URL); the upload id — 128 random bits handed only to the session's token
     * holder, usable once, while its session is ACTIVE — is the permission. Streamed to the
     * runtime, which checks the length against the declared size.
     */
    private void relayUpload(Context ctx) {
        String sessionId = ctx.pathParam("sid");
        String uploadId = ctx.pathParam("uid");
        SessionEntry session = ID.matcher(sessionId).matches() && ID.matcher(uploadId).matches()
                ? state.session(sessionId).orElse(null) : null;
        if (session == null) {
            ctx.status(404).json(FleetJson.detail("unknown upload " + uploadId + ": allocate one with POST /sessions/{id}/uploads"));
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length < 0) {
            ctx.status(411).json(FleetJson.detail("send the upload with a Content-Length (its declared size)"));
            return;
        }
        RuntimeEntry runtime = servingRuntime(ctx, session);
        if (runtime == null) {
            return;
        }
        try {
            RuntimeLink.Answer answer = runtimes.upload(runtime.url(), UPLOAD_PUT_PREFIX + session.runtimeSession() + "/"
                    + uploadId, ctx.contentType(), length, ctx.req().getInputStream());
            if (answer.ok()) {
                metrics.uploaded(length);
            }
            ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
        } catch (IOException e) {
            ctx.status(502).json(FleetJson.detail("the upload did not reach runtime " + runtime.id() + " (the browser's "
                    + "body broke off, or the runtime is unreachable): " + e.getMessage()));
        }
    }

    /** The runtime serving an ACTIVE session, or null after answering 409. */
    private RuntimeEntry servingRuntime(Context ctx, SessionEntry session) {
        if (!SessionEntry.ACTIVE.equals(session.state())) {
            ctx.status(409).json(FleetJson.detail("session " + session.id() + " is " + session.state()
                    + ": poll GET /sessions/" + session.id() + " until it is ACTIVE"));
            return null;
        }
        RuntimeEntry runtime = state.runtime(session.runtimeId()).orElse(null);
        if (runtime == null || !RuntimeEntry.BUSY.equals(runtime.state())) {
            ctx.status(409).json(FleetJson.detail("the runtime of session " + session.id() + " is gone: start a new session"));
            return null;
        }
        return runtime;
    }

    private static void unreachable(Context ctx, RuntimeEntry runtime, IOException e) {
        ctx.status(502).json(FleetJson.detail("runtime " + runtime.id() + " is unreachable: " + e.getMessage()));
    }

    /**
     * The origin the browser reached this coordinator at: behind a TLS-terminating load balancer,
     * its {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} (used only to build the URL handed
     * back to the same client, so a forged header misleads only its sender).
     */
    private static String publicOrigin(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        String scheme = "https".equalsIgnoreCase(firstValue(proto)) ? "https"
                : "http".equalsIgnoreCase(firstValue(proto)) ? "http" : ctx.scheme();
        String forwardedHost = firstValue(ctx.header("X-Forwarded-Host"));
        String host = forwardedHost != null && FORWARDED_HOST.matcher(forwardedHost).matches() ? forwardedHost : ctx.host();
        return scheme + "://" + host;
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    private void fleet(Context ctx) {
        if (client(ctx) != null) {
            ctx.json(FleetJson.fleet(state.runtimes(), state.queue()));
        }
    }

    private void register(Context ctx) {
        if (verify(ctx, Role.RUNTIME) == null) {
            return;
        }
        JsonNode body = JsonBody.object(ctx, REGISTRATION).orElse(null);
        if (body == null) {
            return;
        }
        String id = body.path("id").asText("");
        String model = body.path("model").asText("");
        String url = body.path("url").asText("");
        if (!ID.matcher(id).matches() || !MODEL_NAME.matcher(model).matches()
                || !(url.startsWith("http://") || url.startsWith("https://"))) {
            ctx.status(400).json(FleetJson.detail("register with " + REGISTRATION + ": id and model "
                    + "are names (letters, digits, . _ - :), url is the runtime's http(s) URL"));
            return;
        }
        RuntimeEntry runtime = new RuntimeEntry(id, model, body.path("version").asText(""), stripSlash(url),
                RuntimeEntry.IDLE, "", System.currentTimeMillis());
        state.register(runtime, System.currentTimeMillis()).ifPresent(s -> metrics.sessionClosed("runtime_restarted"));
        LOG.info("Runtime {} joined: model {} {} at {}", id, model, runtime.version(), runtime.url());
        dispatcher.kick();
        ctx.json(json.createObjectNode().put("id", id)
                .put("heartbeat_ms", FleetOptions.HEARTBEAT_INTERVAL.toMillis())
                .put("lost_after_ms", options.heartbeatTimeout().toMillis()));
    }

    /**
     * A heartbeat carries the fleet sessions that ended on the runtime since the last one (model
     * crash, orphan timeout, viewer gone): they close and the runtime is free for the next.
     */
    private void heartbeat(Context ctx) {
        if (verify(ctx, Role.RUNTIME) == null) {
            return;
        }
        String id = ctx.pathParam("rid");
        long now = System.currentTimeMillis();
        Optional<RuntimeEntry> runtime = state.heartbeat(id, now);
        if (runtime.isEmpty()) {
            ctx.status(404).json(FleetJson.detail("runtime " + id + " is not in the fleet (lost or unknown): register again"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (IOException e) {
            body = null;
        }
        boolean freed = false;
        if (body != null) {
            for (JsonNode ended : body.path("ended")) {
                String sessionId = ended.asText();
                if (state.close(sessionId, "the session ended on its runtime", now).isPresent()) {
                    metrics.sessionClosed("runtime_ended");
                }
                freed |= state.freeRuntime(id, sessionId);
            }
        }
        // A runtime busy with a closed session it no longer serves (its stop call was lost): free it.
        RuntimeEntry r = runtime.get();
        String serving = body == null ? "" : body.path("serving").asText("");
        if (RuntimeEntry.BUSY.equals(r.state()) && !r.sessionId().equals(serving)
                && state.session(r.sessionId()).map(SessionEntry::closed).orElse(true)) {
            freed |= state.freeRuntime(id, r.sessionId());
        }
        if (freed) {
            dispatcher.kick();
        }
        ctx.json(json.createObjectNode().put("state", state.runtime(id).map(RuntimeEntry::state).orElse(r.state())));
    }

    private void deregister(Context ctx) {
        if (verify(ctx, Role.RUNTIME) == null) {
            return;
        }
        String id = ctx.pathParam("rid");
        state.deregister(id, System.currentTimeMillis()).ifPresent(s -> metrics.sessionClosed("runtime_left"));
        LOG.info("Runtime {} left the fleet", id);
        ctx.json(json.createObjectNode().put("id", id));
    }

    private SessionEntry ownSession(Context ctx) {
        FleetTokens.Verified client = client(ctx);
        if (client == null) {
            return null;
        }
        String id = ctx.pathParam("sid");
        Optional<SessionEntry> session = ID.matcher(id).matches() ? state.session(id) : Optional.empty();
        if (session.isEmpty() || !session.get().subject().equals(client.subject())) {
            unknownSession(ctx, id);
            return null;
        }
        return session.get();
    }

    private static void unknownSession(Context ctx, String id) {
        ctx.status(404).json(FleetJson.detail("unknown session " + id + " (it closed long ago, or belongs to another "
                + "token subject): create a new one with POST /sessions"));
    }

    private FleetTokens.Verified client(Context ctx) {
        return verify(ctx, Role.CLIENT);
    }

    private FleetTokens.Verified verify(Context ctx, Role role) {
        try {
            return tokens.verifyHeader(ctx.header("Authorization"), role);
        } catch (TokenRejectedException e) {
            unauthorized(ctx, e.getMessage());
            return null;
        }
    }

    private static void unauthorized(Context ctx, String reason) {
        ctx.status(401).header("WWW-Authenticate", "Bearer").json(FleetJson.detail(reason));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Stops serving; sessions and the queue stay in the state store (Redis) for the other coordinators. */
    @Override
    public void close() {
        Shutdown.runAll(app::stop, dispatcher::close, runtimeCalls::shutdownNow, runtimes::close, state::close);
    }
}
