package dev.reactorstudio.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.host.HostState;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.JsonBody;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.metrics.PrometheusText;
import dev.reactorstudio.runtime.session.CommandQueueFullException;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.NoActiveSessionException;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionBusyException;
import dev.reactorstudio.runtime.session.SessionHealth;
import dev.reactorstudio.runtime.session.SessionManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The runtime's HTTP API on :8081: health, model info, session start/stop/status, commands
 * for tools and tests, and Prometheus metrics. Error bodies are {@code {"detail": "..."}}.
 * Serves while the model is still loading (health says so; starting a session answers 503).
 * A start while the previous session is still stopping waits for it (up to the stop grace).
 */
public final class RuntimeServer implements AutoCloseable {
    /** Longest a {@code POST /command} waits for the model before answering 202. */
    private static final long COMMAND_WAIT_SECONDS = 10;
    private static final String COMMAND_BODY = "{\"name\": \"<command>\", \"args\": {...}}";

    private final ModelHost host;
    private final ObjectMapper json = new ObjectMapper();
    private final RuntimeMetrics metrics;
    private final SessionJson sessionJson;
    private final HttpGuard guard;
    private final Javalin app;

    /** Loopback pages only, default limits. */
    public RuntimeServer(ModelHost host) {
        this(host, SecurityOptions.defaults());
    }

    public RuntimeServer(ModelHost host, SecurityOptions security) {
        this.host = host;
        this.guard = new HttpGuard("runtime API", security);
        this.metrics = new RuntimeMetrics(host);
        this.sessionJson = new SessionJson(host, json);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            guard.install(config);
            config.routes.get("/health", this::health);
            config.routes.get("/info", this::info);
            config.routes.post("/start_session", this::startSession);
            config.routes.post("/stop_session", this::stopSession);
            config.routes.get("/session", this::session);
            config.routes.post("/command", this::command);
            config.routes.get("/metrics", this::metrics);
        });
    }

    /** Binds {@code host:port}; port 0 picks a free port (see {@link #port()}). */
    public RuntimeServer start(String bindHost, int port) {
        guard.boundTo(bindHost);
        app.start(bindHost, port);
        return this;
    }

    /** Every route this server answers (read from the router, so new routes are included). */
    public java.util.List<dev.reactorstudio.runtime.guard.ServedRoute> routes() {
        return dev.reactorstudio.runtime.guard.ServedRoute.of(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void health(Context ctx) {
        ObjectNode body = json.createObjectNode();
        HostState state = host.state();
        boolean healthy;
        if (state == HostState.LOADING) {
            healthy = true;
            body.put("state", "loading").put("detail", host.loadingDetail());
        } else if (state == HostState.FAILED) {
            healthy = false;
            body.put("state", "failed").put("detail", host.failure().orElse("loading failed"));
        } else {
            SessionHealth sessions = host.health().orElseThrow();
            healthy = sessions.healthy();
            body.put("state", sessions.state()).put("detail", sessions.detail());
        }
        body.put("status", healthy ? "healthy" : "unhealthy");
        ctx.status(healthy ? 200 : 503).json(body);
    }

    private void info(Context ctx) {
        ctx.json(sessionJson.info());
    }

    private void startSession(Context ctx) {
        SessionManager sessions = readySessions(ctx);
        if (sessions == null) {
            return;
        }
        try {
            Session session = sessions.start();
            ctx.json(sessionJson.descriptor(session));
        } catch (SessionBusyException e) {
            ObjectNode body = detail(e.getMessage());
            if (e.activeSessionId() != null) {
                body.put("session_id", e.activeSessionId());
            }
            ctx.status(409).json(body);
        }
    }

    private void stopSession(Context ctx) {
        SessionManager sessions = readySessions(ctx);
        if (sessions == null) {
            return;
        }
        Session session = sessions.current().orElse(null);
        if (session == null) {
            ctx.status(409).json(detail("no session is running"));
            return;
        }
        // A session already stopping is what the caller asked for: answer with it (state "stopping").
        sessions.stop(EndReason.STOPPED);
        ctx.json(sessionJson.descriptor(session));
    }

    private void session(Context ctx) {
        ObjectNode body = json.createObjectNode();
        var current = host.sessions().flatMap(SessionManager::current);
        current.ifPresent(Session::touch);
        body.set("session", current.<JsonNode>map(sessionJson::descriptor).orElse(json.nullNode()));
        ctx.json(body);
    }

    private void command(Context ctx) throws InterruptedException {
        SessionManager sessions = readySessions(ctx);
        if (sessions == null) {
            return;
        }
        JsonNode request = JsonBody.object(ctx, COMMAND_BODY).orElse(null);
        if (request == null) {
            return;
        }
        if (!request.path("name").isTextual()) {
            ctx.status(400).json(detail("name must be the command's name (a string): send " + COMMAND_BODY));
            return;
        }
        String name = request.get("name").asText();
        try {
            CompletableFuture<Object> result = sessions.command(name, request.path("args"));
            Object value = result.get(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS);
            ObjectNode body = json.createObjectNode().put("ok", true);
            body.set("result", json.valueToTree(value));
            ctx.json(body);
        } catch (InvalidCommandException e) {
            ObjectNode body = detail(e.getMessage());
            body.set("problems", json.valueToTree(e.problems()));
            ctx.status(400).json(body);
        } catch (NoActiveSessionException e) {
            ctx.status(409).json(detail(e.getMessage()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommandQueueFullException full) {
                ctx.header("Retry-After", "1").status(429).json(detail(full.getMessage()));
                return;
            }
            ctx.status(500).json(detail("command " + name + " failed: " + cause));
        } catch (TimeoutException e) {
            ctx.status(202).json(detail("command " + name + " is still running"));
        } catch (IllegalArgumentException e) {
            ctx.status(500).json(detail("command " + name + " returned a value that is not JSON: " + e.getMessage()));
        }
    }

    private void metrics(Context ctx) {
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(metrics.scrape());
    }

    /** The session manager, or null after answering 503 (loading, with Retry-After) or 503 (failed). */
    private SessionManager readySessions(Context ctx) {
        HostState state = host.state();
        if (state == HostState.LOADING) {
            ctx.header("Retry-After", "1").status(503).json(detail("model is loading: " + host.loadingDetail()));
            return null;
        }
        if (state == HostState.FAILED) {
            ctx.status(503).json(detail("model failed to load: " + host.failure().orElse("")));
            return null;
        }
        return host.sessions().orElseThrow();
    }

    private ObjectNode detail(String message) {
        return json.createObjectNode().put("detail", message);
    }
}
