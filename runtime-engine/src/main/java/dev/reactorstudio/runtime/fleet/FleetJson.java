package dev.reactorstudio.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.EngineVersion;
import java.io.IOException;
import java.util.List;

/** JSON shapes of the production routes (the JS SDK 2.9 validates them with zod; extra fields pass). */
final class FleetJson {
    static final String CLUSTER = "fleet";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetJson() {
    }

    /**
     * A session as {@code POST /sessions} and {@code GET /sessions/{id}} return it. A session a
     * runtime is still starting reads as {@code WAITING} at position 0; {@code capabilities} and
     * {@code selected_transport} appear only once it is {@code ACTIVE} — the SDK polls until then.
     */
    static ObjectNode session(SessionEntry s, long position) {
        ObjectNode body = JSON.createObjectNode();
        body.put("session_id", s.id());
        String state = SessionEntry.ASSIGNING.equals(s.state()) ? SessionEntry.WAITING : s.state();
        body.put("state", state);
        body.put("cluster", CLUSTER);
        body.putObject("model").put("name", s.model());
        body.putObject("server_info").put("server_version", EngineVersion.current().toString());
        if (SessionEntry.WAITING.equals(state)) {
            body.put("queue_position", position);
            body.put("waiting_s", waited(s));
        }
        if (SessionEntry.ACTIVE.equals(s.state())) {
            body.putObject("selected_transport").put("protocol", "webrtc").put("version", "1.0");
            body.set("capabilities", capabilities(s.capabilities()));
        }
        if (s.closed() && !s.reason().isEmpty()) {
            body.put("reason", s.reason());
        }
        return body;
    }

    static ObjectNode info(SessionEntry s) {
        String state = SessionEntry.ASSIGNING.equals(s.state()) ? SessionEntry.WAITING : s.state();
        return JSON.createObjectNode().put("session_id", s.id()).put("state", state).put("cluster", CLUSTER);
    }

    private static JsonNode capabilities(String json) {
        try {
            JsonNode node = JSON.readTree(json.isEmpty() ? "{}" : json);
            if (node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through to an empty object
        }
        return JSON.createObjectNode();
    }

    private static double waited(SessionEntry s) {
        return Math.max(0, System.currentTimeMillis() - s.createdMs()) / 1000.0;
    }

    static ObjectNode fleet(List<RuntimeEntry> runtimes, List<QueueEntry> queue) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("runtimes");
        for (RuntimeEntry r : runtimes) {
            ObjectNode node = list.addObject().put("id", r.id()).put("model", r.model()).put("version", r.version())
                    .put("state", r.state()).put("url", r.url());
            if (!r.sessionId().isEmpty()) {
                node.put("session_id", r.sessionId());
            }
            node.put("heartbeat_age_s", Math.max(0, System.currentTimeMillis() - r.heartbeatMs()) / 1000.0);
        }
        ArrayNode waiting = body.putArray("queue");
        long now = System.currentTimeMillis();
        for (QueueEntry q : queue) {
            waiting.addObject().put("session_id", q.sessionId()).put("model", q.model()).put("position", q.position())
                    .put("waiting_s", Math.max(0, now - q.createdMs()) / 1000.0);
        }
        return body;
    }

    static ObjectNode detail(String message) {
        return JSON.createObjectNode().put("detail", message);
    }
}
