package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.StartRateLimiter;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed-era coordinator socket {@code WS /ws} (reactor-js-sdk-protocol.md §9): {@code welcome}
 * on connect; {@code sessionSetup} starts (or joins) the session and answers
 * {@code gpu-machine-assigned} with the LiveKit URL and a client token for room {@code local};
 * anything else is echoed. Closing a socket ends only that client: the session stops when it was
 * the last {@code /ws} client and no viewer is attached (else the orphan timeout stops it once
 * nobody watches). Its upgrade passed the origin check, so tokens go only to allowed pages;
 * starts count against the per-client start limit.
 */
final class LegacySocket {
    private static final Logger LOG = LoggerFactory.getLogger(LegacySocket.class);
    static final String ROOM = "local";

    private final ObjectMapper json = new ObjectMapper();
    private final SessionStarter starter;
    private final RuntimeClient runtime;
    private final TokenMinter tokens;
    private final String livekitUrl;
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final StartRateLimiter startLimiter;
    private final IntSupplier attachedViewers;

    /** @param attachedViewers viewers attached to the running session now (any front door) */
    LegacySocket(SessionStarter starter, RuntimeClient runtime, TokenMinter tokens, String livekitUrl,
                 StartRateLimiter startLimiter, IntSupplier attachedViewers) {
        this.starter = starter;
        this.runtime = runtime;
        this.tokens = tokens;
        this.livekitUrl = livekitUrl;
        this.startLimiter = startLimiter;
        this.attachedViewers = attachedViewers;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            clients.incrementAndGet();
            send(ctx, "welcome", json.createObjectNode()
                    .put("message", "Connected to Reactor Local Coordinator. Session: " + ctx.sessionId())
                    .put("timestamp", System.currentTimeMillis() / 1000.0));
        });
        ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
        ws.onClose(ctx -> {
            clients.decrementAndGet();
            if (started.remove(ctx.sessionId()) == null) {
                return;
            }
            int watching = attachedViewers.getAsInt();
            if (!started.isEmpty() || watching > 0) {
                LOG.info("/ws client left; the session goes on for {} other /ws client(s) and {} attached viewer(s)",
                        started.size(), watching);
                return;
            }
            try {
                runtime.stopSession();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Could not stop the session after /ws closed: {}", e.getMessage());
            }
        });
    }

    int clients() {
        return clients.get();
    }

    private void onMessage(WsContext ctx, String text) throws InterruptedException {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            message = json.getNodeFactory().textNode(text);
        }
        if (!"sessionSetup".equals(message.path("type").asText())) {
            echo(ctx, message, null);
            return;
        }
        long retryAfter = startLimiter.tryStart(remoteAddress(ctx));
        if (retryAfter > 0) {
            echo(ctx, message, "Failed to start session: " + startLimiter.refusal(remoteAddress(ctx), retryAfter));
            return;
        }
        try {
            starter.startOrJoin();
            started.put(ctx.sessionId(), Boolean.TRUE);
            String token = tokens.clientToken(ROOM, "reactor-client-" + ctx.sessionId().substring(0, 8));
            send(ctx, "gpu-machine-assigned", json.createObjectNode()
                    .put("livekitWsUrl", ClientUrls.reachableFrom(livekitUrl, ctx.header("Host")))
                    .put("livekitJwtToken", token));
        } catch (SessionStarter.StartFailed | RuntimeException e) {
            echo(ctx, message, "Failed to start session: " + e.getMessage());
        }
    }

    private static String remoteAddress(WsContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    private void echo(WsContext ctx, JsonNode message, String error) {
        ObjectNode data = json.createObjectNode();
        data.set("echo", message);
        data.put("timestamp", System.currentTimeMillis() / 1000.0);
        if (error != null) {
            data.put("error", error);
        }
        send(ctx, "echo", data);
    }

    private void send(WsContext ctx, String type, ObjectNode data) {
        ObjectNode envelope = json.createObjectNode().put("type", type);
        envelope.set("data", data);
        ctx.send(envelope.toString());
    }
}
