package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.EngineVersion;

/** JSON shapes of the JS SDK 2.9 local-mode routes (reactor-js-sdk-protocol.md §4.2). */
final class SdkJson {
    /** The one output track; {@code ReactorView} renders the track named {@code main_video}. */
    static final String VIDEO_TRACK = "main_video";

    private SdkJson() {
    }

    /** The SessionResponse of {@code POST /start_session}; {@code selected_transport} and {@code capabilities} are required in practice. */
    static ObjectNode sessionResponse(String viewerId, SessionStarter.Started started) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        body.put("session_id", viewerId);
        body.put("state", "ACTIVE");
        body.put("cluster", "local");
        body.set("model", started.model());
        body.putObject("server_info").put("server_version", EngineVersion.current().toString());
        body.putObject("selected_transport").put("protocol", "webrtc").put("version", "1.0");
        ObjectNode capabilities = body.putObject("capabilities");
        capabilities.put("protocol_version", "1.0");
        capabilities.set("tracks", tracks(started.capabilities()));
        capabilities.set("commands", started.capabilities().path("commands"));
        capabilities.put("emission_fps", started.fps());
        // Not part of the SDK's schema (zod drops it): lets tools see which runtime session they joined.
        body.put("runtime_session_id", started.sessionId());
        return body;
    }

    /** The declared tracks from the runtime's {@code /info}; an older runtime without them has the one default output. */
    static com.fasterxml.jackson.databind.node.ArrayNode tracks(ObjectNode capabilities) {
        com.fasterxml.jackson.databind.JsonNode tracks = capabilities.path("tracks");
        if (tracks.isArray() && !tracks.isEmpty()) {
            return (com.fasterxml.jackson.databind.node.ArrayNode) tracks.deepCopy();
        }
        com.fasterxml.jackson.databind.node.ArrayNode fallback = JsonNodeFactory.instance.arrayNode();
        fallback.addObject().put("name", VIDEO_TRACK).put("kind", "video").put("direction", "recvonly");
        return fallback;
    }

    static ObjectNode detail(String message) {
        return JsonNodeFactory.instance.objectNode().put("detail", message);
    }
}
