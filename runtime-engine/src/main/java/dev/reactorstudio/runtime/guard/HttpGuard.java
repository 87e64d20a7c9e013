package dev.reactorstudio.runtime.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every route of a server runs first, installed once on the whole Javalin app (so a
 * route added later is covered without doing anything): a request from a page whose
 * {@code Origin} is not allowed (nor the server's own page at an IP address) is answered 403 before any handler runs — side effects included,
 * not merely hidden by CORS — and its preflight gets no allow headers; on a loopback bind the
 * {@code Host} must name this machine (a DNS-rebinding page reaches 127.0.0.1 under its own
 * name); a body larger than the limit is answered 413 before it is read. Allowed cross-origin
 * pages get CORS headers naming their origin (and Chrome's private-network permission).
 * WebSocket upgrades get the same Host and Origin checks.
 */
public final class HttpGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_ALLOWED_HEADERS =
            "content-type, authorization, reactor-api-version, reactor-api-accept-version, reactor-webrtc-version";
    /** Distinct refused origin+route pairs whose refusals are counted (an attacker chooses the header; the map stays bounded). */
    private static final int MAX_TRACKED_REFUSALS = 1000;

    private final String server;
    private final SecurityOptions options;
    private final List<String> streamingPaths = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean loopbackBind = true;

    /** @param server how the log names the server, e.g. "coordinator" */
    public HttpGuard(String server, SecurityOptions options) {
        this.server = server;
        this.options = options;
    }

    /** Adds the checks to every route of the app {@code config} builds; sets the body limit. */
    public void install(JavalinConfig config) {
        config.http.maxRequestSize = options.limits().jsonBodyBytes();
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.routes.before(this::beforeHttp);
        config.routes.wsBeforeUpgrade(this::beforeUpgrade);
        // Javalin's own answers (404, 405, 413, 400 for a bad body) in the servers' {"detail": ...} shape.
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).contentType("application/json").result(detail(e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            ClientFault fault = ClientFault.of(e);
            if (fault != null) {
                answer(ctx, fault.status(), fault.reason());
                return;
            }
            LOG.error("{}: {} {} failed", server, ctx.method(), ctx.path(), e);
            answer(ctx, 500, "internal error: " + e);
        });
    }

    /** An error answer; a WebSocket upgrade request is answered on the raw response (Javalin writes no result for it). */
    private static void answer(Context ctx, int status, String reason) {
        if ("websocket".equalsIgnoreCase(ctx.header("Upgrade"))) {
            try {
                ctx.res().setStatus(status);
                ctx.res().setContentType("application/json");
                ctx.res().getOutputStream().write(detail(reason).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException e) {
                LOG.debug("could not answer a refused upgrade: {}", e.toString());
            }
            return;
        }
        ctx.status(status).contentType("application/json").result(detail(reason));
    }

    /**
     * Call with the address the server binds: the {@code Host} check applies to loopback binds
     * (elsewhere the allow-list and, with the fleet, tokens do the work).
     */
    public void boundTo(String bindHost) {
        this.loopbackBind = LoopbackNames.isLoopback(bindHost);
    }

    /** Requests under {@code pathPrefix} stream their body (uploads) and set their own size limit. */
    public void allowLargeBodies(String pathPrefix) {
        streamingPaths.add(pathPrefix);
    }

    public OriginPolicy origins() {
        return options.origins();
    }

    /** Requests refused for their Origin or Host since start. */
    public long refusedCount() {
        return refused.get();
    }

    private void beforeHttp(Context ctx) {
        String problem = problem(ctx);
        if (problem != null) {
            ctx.status(403).contentType("application/json").result(detail(problem));
            ctx.skipRemainingHandlers();
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length > options.limits().jsonBodyBytes() && streamingPaths.stream().noneMatch(ctx.path()::startsWith)) {
            ctx.status(413).contentType("application/json").result(detail("body of " + length + " bytes is over the limit of "
                    + options.limits().jsonBodyBytes() + " bytes (--max-body-bytes)"));
            ctx.skipRemainingHandlers();
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            corsHeaders(ctx, origin);
        }
        if ("OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null) {
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }

    private void beforeUpgrade(Context ctx) throws IOException {
        String problem = problem(ctx);
        if (problem != null) {
            ctx.res().setStatus(403);
            ctx.res().setContentType("application/json");
            ctx.res().getOutputStream().write(detail(problem).getBytes(StandardCharsets.UTF_8));
            ctx.skipRemainingHandlers();
        }
    }

    /** Why this request is refused, or null when it may go on. */
    private String problem(Context ctx) {
        String hostHeader = ctx.header("Host");
        String host = LoopbackNames.hostOfHeader(hostHeader);
        OriginPolicy origins = options.origins();
        if (loopbackBind && host != null && !LoopbackNames.isLoopback(host) && !origins.allowsAnyOrigin()
                && !origins.namesHost(host)) {
            count(ctx, "host " + hostHeader);
            return "Host " + hostHeader + " is not this machine's loopback name: a page reached this loopback-only "
                    + "server under another name (DNS rebinding?). Use http://127.0.0.1 or http://localhost, or name the "
                    + "host with --allow-origin http://" + host + ":*";
        }
        String origin = ctx.header("Origin");
        if (!origins.allows(origin) && !servedByUs(origin, hostHeader)) {
            count(ctx, "origin " + origin);
            return "origin " + origin + " may not use this server: only " + origins
                    + " may. Start with --allow-origin " + suggestion(origin) + " to allow it";
        }
        return null;
    }

    /**
     * A page this server served itself (the built-in viewer page opened at the server's LAN address)
     * calling back to the same origin. Only for IP literals: a name could be rebound to us by its
     * owner's DNS, an address cannot.
     */
    static boolean servedByUs(String origin, String hostHeader) {
        String host = LoopbackNames.hostOfHeader(hostHeader);
        if (origin == null || host == null || !LoopbackNames.isIpLiteral(host)) {
            return false;
        }
        try {
            OriginPattern page = OriginPattern.parse(origin, false);
            OriginPattern self = OriginPattern.parse(page.scheme() + "://" + hostHeader.trim(), false);
            return page.equals(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String suggestion(String origin) {
        try {
            return OriginPattern.parse(origin, false).toString();
        } catch (IllegalArgumentException e) {
            return "'*' (this page has no origin of its own)";
        }
    }

    /** Logs the first refusal of each origin and route (then every hundredth), so a hostile page cannot flood the log. */
    private void count(Context ctx, String what) {
        refused.incrementAndGet();
        // The path and header are the client's choice: cut long ones, so the log and the map stay small.
        String path = shortened(ctx.path());
        what = shortened(what);
        String key = what + " " + ctx.method() + " " + path;
        AtomicLong n = refusals.get(key);
        if (n == null && refusals.size() < MAX_TRACKED_REFUSALS) {
            n = refusals.computeIfAbsent(key, k -> new AtomicLong());
        }
        long count = n == null ? -1 : n.incrementAndGet();
        if (count == 1 || count % 100 == 0) {
            LOG.warn("{}: 403 for {} {} from {}: not on the allow-list ({} so far; allowed: {})", server, ctx.method(),
                    path, what, count, options.origins());
        } else {
            LOG.debug("{}: 403 for {} {} from {}", server, ctx.method(), path, what);
        }
    }

    private static String shortened(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + " chars)";
    }

    private static void corsHeaders(Context ctx, String origin) {
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", requested != null && !requested.isBlank() ? requested
                : DEFAULT_ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(ctx.header("Access-Control-Request-Private-Network"))) {
            ctx.header("Access-Control-Allow-Private-Network", "true");
        }
    }

    private static String detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString();
    }
}
