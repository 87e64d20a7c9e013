package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.MessageLimit;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.guard.StartRateLimiter;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.SessionManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import livekit.LivekitModels.DisconnectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media server (:7880 by default): LiveKit's signaling subset over Javalin.
 * <ul>
 *   <li>{@code WS /rtc} and {@code WS /rtc/v1}: one {@link SignalSession} per socket. The token
 *       and join parameters are checked before the upgrade, so a bad token never opens a socket.</li>
 *   <li>{@code GET /rtc/validate} and {@code /rtc/v1/validate}: the client asks these after a failed
 *       upgrade and turns the status into its error (401 → {@code NotAllowed}). Pages on the origin
 *       allow-list get CORS headers (the page usually comes from another origin); others get 403.</li>
 *   <li>{@code GET /health}: viewers and what the limits dropped or refused ({@link #counters()}), for
 *       an operator; the coordinator's {@code /health} repeats the counters under {@code media_server}.</li>
 * </ul>
 */
public final class LiveKitServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveKitServer.class);
    /** v1 carries the whole first offer in the URL (2-3 KB gzipped, 20 KB and more without gzip). */
    static final int MAX_REQUEST_HEADER_BYTES = 128 * 1024;
    private static final long MAX_SIGNAL_MESSAGE_BYTES = 1024 * 1024;
    /** The client pings every 5 s; a socket silent this long belongs to a vanished client. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(JoinResponseFactory.PING_TIMEOUT_SECONDS + 5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final String GRANT = "livekit.grant";
    private static final String JOIN = "livekit.join";

    private final LiveKitTokens tokens;
    private final RoomState room = new RoomState(LiveKitTokens.ROOM);
    private final SessionBridge bridge;
    private final Negotiation.Factory negotiations;
    private final Map<String, SignalSession> sockets = new ConcurrentHashMap<>();
    private volatile Duration peerCloseDeadline = SignalSession.PEER_CLOSE_DEADLINE;
    private final AtomicLong connections = new AtomicLong();
    private final HttpGuard guard;
    private final Limits limits;
    private final StartRateLimiter joinLimiter;
    private final MessageLimit messageLimit;
    private final GrantEnforcer grants = new GrantEnforcer();
    private final PendingJoins pending;
    private final Javalin app;
    private String host;

    /**
     * @param sessions the model's session manager once the model is loaded (joins get 503 before)
     * @param media    the shared WebRTC engine; attached to the session manager's frames on first use
     *                 (attaching is idempotent, so the coordinator may do the same)
     */
    public LiveKitServer(LiveKitTokens tokens, Supplier<Optional<SessionManager>> sessions, MediaEngine media) {
        this(tokens, sessions, media, SecurityOptions.defaults());
    }

    /** @param security which pages may connect (checked on the upgrade and on validate) and the per-client limits */
    public LiveKitServer(LiveKitTokens tokens, Supplier<Optional<SessionManager>> sessions, MediaEngine media,
                         SecurityOptions security) {
        this(tokens, sessions, new MediaNegotiations(media), media::attach, security);
    }

    LiveKitServer(LiveKitTokens tokens, Supplier<Optional<SessionManager>> sessions, Negotiation.Factory negotiations,
                  Consumer<SessionManager> onFirstUse) {
        this(tokens, sessions, negotiations, onFirstUse, SecurityOptions.defaults());
    }

    LiveKitServer(LiveKitTokens tokens, Supplier<Optional<SessionManager>> sessions, Negotiation.Factory negotiations,
                  Consumer<SessionManager> onFirstUse, SecurityOptions security) {
        this.tokens = tokens;
        this.guard = new HttpGuard("media server", security);
        this.limits = security.limits();
        this.joinLimiter = new StartRateLimiter(limits.sessionStartsPerMinute());
        this.messageLimit = new MessageLimit(limits.dataMessageBytes());
        this.pending = new PendingJoins(limits.pendingPeers(), limits.pendingPeerLifetime());
        this.bridge = new SessionBridge(sessions, room, new ObjectMapper(), onFirstUse, messageLimit);
        this.negotiations = negotiations;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxBinaryMessageSize(MAX_SIGNAL_MESSAGE_BYTES);
                ws.setIdleTimeout(IDLE_TIMEOUT);
            });
            // Origin and Host before the token: a page not on the allow-list never reaches a socket.
            guard.install(config);
            for (SignalPath path : SignalPath.values()) {
                config.routes.wsBeforeUpgrade(path.path(), ctx -> admit(ctx, path));
                config.routes.ws(path.path(), ws -> signal(ws));
                config.routes.get(path.validatePath(), ctx -> validate(ctx, path));
            }
            config.routes.get("/health", ctx -> ctx.json(health()));
        });
    }

    /** Binds {@code host:port}; port 0 picks a free one (see {@link #port()}). */
    public LiveKitServer start(String bindHost, int port) {
        guard.boundTo(bindHost);
        app.start(bindHost, port);
        this.host = bindHost;
        LOG.info("LiveKit media server on {} (room \"{}\", API key {})", url(), room.name(),
                tokens.credentials().apiKey());
        return this;
    }

    /** Every route this server answers (read from the router, so new routes are included). */
    public java.util.List<dev.reactorstudio.runtime.guard.ServedRoute> routes() {
        return dev.reactorstudio.runtime.guard.ServedRoute.of(app);
    }

    public int port() {
        return app.port();
    }

    /** The URL a {@code livekit-client} connects to. */
    public String url() {
        // An IPv6 literal needs brackets in a URL.
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "ws://" + literal + ":" + port();
    }

    /** Number of viewers connected now. */
    public int viewerCount() {
        return room.viewerCount();
    }

    /** Tracks the connected viewers publish now (accepted, not unpublished): the leak tests watch this. */
    public int publicationCount() {
        return room.viewers().stream().mapToInt(SignalSession::publicationCount).sum();
    }

    /** How long an ending viewer waits for its peers to close before its signaling lets go anyway (tests shorten it). */
    LiveKitServer peerCloseDeadline(Duration deadline) {
        this.peerCloseDeadline = deadline;
        return this;
    }

    /** Tells every viewer the server is going away, closes their peers, then frees the port. */
    @Override
    public void close() {
        List<SignalSession> open = List.copyOf(sockets.values());
        room.closeAll(DisconnectReason.SERVER_SHUTDOWN);
        try {
            CompletableFuture.allOf(open.stream().map(SignalSession::closed).toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Some LiveKit viewers did not close within {} s", CLOSE_WAIT.toSeconds());
        }
        pending.close();
        app.stop();
    }

    /**
     * What the data-channel and grant limits dropped or refused since start, by the names {@code GET
     * /health} shows: {@code oversize_messages_dropped} (over {@code --max-message-bytes}),
     * {@code malformed_packets_dropped} (not DataPackets), {@code data_packets_refused} (token without
     * {@code canPublishData}), {@code publications_refused} (tracks the token does not grant) and
     * {@code refusal_replies_suppressed} ({@code commandError} replies over a viewer's reply rate).
     */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        counters.put("oversize_messages_dropped", oversizeMessagesDropped());
        counters.put("malformed_packets_dropped", malformedPacketsDropped());
        counters.put("data_packets_refused", dataPacketsRefused());
        counters.put("publications_refused", publicationsRefused());
        counters.put("refusal_replies_suppressed", refusalRepliesSuppressed());
        return counters;
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("viewers", viewerCount());
        body.put("pending_joins", pendingJoins());
        body.putAll(counters());
        return body;
    }

    /** {@code commandError} replies left unsent because a viewer sent refused commands faster than the reply rate. */
    public long refusalRepliesSuppressed() {
        return bridge.refusalRepliesSuppressed();
    }

    /** Data-channel packets dropped for their size (over {@code --max-message-bytes}). */
    public long oversizeMessagesDropped() {
        return messageLimit.dropped();
    }

    /** Data-channel messages dropped because they were not LiveKit DataPackets (malformed protobuf, text). */
    public long malformedPacketsDropped() {
        return bridge.malformedPackets();
    }

    /** Data packets dropped because the sender's token has {@code canPublishData: false}. */
    public long dataPacketsRefused() {
        return grants.dataRefused();
    }

    /** Track publications refused by the token (no {@code canPublish}, or a source it does not grant). */
    public long publicationsRefused() {
        return grants.publishRefused();
    }

    /** Viewers whose signal socket is open but whose peer connection has not connected yet. */
    public int pendingJoins() {
        return pending.count();
    }

    /**
     * Before the upgrade: a socket opens only for a valid token, readable join parameters, a free
     * viewer seat, room among the joins still connecting and a client within its join rate.
     */
    private void admit(Context ctx, SignalPath path) throws IOException {
        Admission admission = check(ctx, path);
        if (admission.status == 200) {
            long retryAfter = joinLimiter.tryStart(ctx.ip());
            if (retryAfter > 0) {
                ctx.res().setHeader("Retry-After", Long.toString(retryAfter));
                admission = new Admission(429, joinLimiter.refusal(ctx.ip(), retryAfter), null, null);
            }
        }
        if (admission.status == 429) {
            LOG.info("429 for a {} join from {}: {}", path.path(), ctx.ip(), admission.message);
        }
        if (admission.status != 200) {
            ctx.res().setStatus(admission.status);
            ctx.res().setContentType("text/plain; charset=utf-8");
            ctx.res().getWriter().write(admission.message);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(GRANT, admission.grant);
        ctx.attribute(JOIN, admission.join);
    }

    private void validate(Context ctx, SignalPath path) {
        Admission admission = check(ctx, path);
        ctx.status(admission.status).contentType("text/plain; charset=utf-8")
                .result(admission.status == 200 ? "success" : admission.message);
    }

    private record Admission(int status, String message, AccessGrant grant, JoinParameters join) {
    }

    private Admission check(Context ctx, SignalPath path) {
        AccessGrant grant;
        try {
            grant = tokens.verify(token(ctx));
        } catch (TokenRejectedException e) {
            LOG.info("Rejected a {} join from {}: {}", path.path(), ctx.ip(), e.getMessage());
            return new Admission(e.status(), e.getMessage(), null, null);
        }
        JoinParameters join;
        try {
            join = JoinRequestDecoder.decode(path, ctx::queryParam);
        } catch (IllegalArgumentException e) {
            return new Admission(400, e.getMessage(), null, null);
        }
        SessionManager manager;
        try {
            manager = bridge.manager();
        } catch (ModelUnavailableException e) {
            return new Admission(503, e.getMessage(), null, null);
        }
        int watching = Math.max(room.viewerCount(), manager.current().map(s -> s.info().clients()).orElse(0));
        if (!join.reconnect() && watching >= limits.viewersPerSession()) {
            return new Admission(429, "the session already has " + watching + " viewers, the most --max-viewers allows ("
                    + limits.viewersPerSession() + ")", null, null);
        }
        if (pending.full()) {
            return new Admission(429, pending.refusal(), null, null);
        }
        return new Admission(200, "success", grant, join);
    }

    /** The header wins, as on LiveKit's server; browsers can only use the query parameter. */
    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring("Bearer ".length()).trim();
        }
        return ctx.queryParam("access_token");
    }

    private void signal(WsConfig ws) {
        ws.onConnect(ctx -> {
            AccessGrant grant = ctx.attribute(GRANT);
            JoinParameters join = ctx.attribute(JOIN);
            ViewerIdentity viewer = new ViewerIdentity(grant, Sids.participant(),
                    "livekit:" + grant.identity() + "#" + connections.incrementAndGet());
            SignalSession session = new SignalSession(viewer, join, new JavalinChannel(ctx), room, bridge, negotiations,
                    grants, peerCloseDeadline);
            sockets.put(ctx.sessionId(), session);
            // However the session ends, its socket entry goes; nothing waits on the chained future.
            var unused = session.closed().whenComplete((ok, e) -> sockets.remove(ctx.sessionId(), session));
            pending.watch(session);
            session.open();
        });
        ws.onBinaryMessage(ctx -> {
            SignalSession session = sockets.get(ctx.sessionId());
            if (session != null) {
                session.receive(copy(ctx.data()));
            }
        });
        ws.onClose(ctx -> {
            SignalSession session = sockets.get(ctx.sessionId());
            if (session != null) {
                session.onChannelClosed();
            }
        });
        ws.onError(ctx -> LOG.debug("Signal socket error", ctx.error()));
    }

    /** Jetty may reuse the frame's buffer once the handler returns; the session parses later. */
    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    private record JavalinChannel(WsContext ctx) implements SignalChannel {
        @Override
        public void send(ByteBuffer frame) {
            if (ctx.session.isOpen()) {
                ctx.send(frame);
            }
        }

        @Override
        public void close(int code, String reason) {
            if (ctx.session.isOpen()) {
                ctx.closeSession(code, reason);
            }
        }
    }
}
