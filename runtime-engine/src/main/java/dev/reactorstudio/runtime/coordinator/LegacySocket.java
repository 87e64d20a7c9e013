package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed-era coordinator socket {@code WS /ws} (reactor-js-sdk-protocol.md §9): {@code welcome}
 * on connect; {@code sessionSetup} starts (or joins) the session and answers
 * {@code gpu-machine-assigned} with the LiveKit URL and a client token for room {@code local};
 * anything else is echoed; closing the socket stops the session.
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

    LegacySocket(SessionStarter starter, RuntimeClient runtime, TokenMinter tokens, String livekitUrl) {
        this.starter = starter;
        this.runtime = runtime;
        this.tokens = tokens;
        this.livekitUrl = livekitUrl;
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
            if (started.remove(ctx.sessionId()) != null) {
                try {
                    runtime.stopSession();
                } catch (Exception e) {
                    LOG.warn("Could not stop the session after /ws closed: {}", e.getMessage());
                }
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
