package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Declared tracks as clients see them in capabilities ({@code /start_session}, {@code /info},
 * {@code modelCapabilities}): {@code {name, kind, direction}} with the JS SDK's directions, which
 * are the client's point of view — an output is {@code recvonly}, an input {@code sendonly}.
 * Outputs come first, so the first video track is the one {@code ReactorView} shows.
 */
public final class TrackCapabilities {
    public static final String RECVONLY = "recvonly";
    public static final String SENDONLY = "sendonly";

    private TrackCapabilities() {
    }

    public static ArrayNode json(DeclaredTracks tracks) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        tracks.outputs().forEach(t -> list.addObject().put("name", t.name()).put("kind", t.kind().wireName())
                .put("direction", RECVONLY));
        tracks.inputs().forEach(t -> list.addObject().put("name", t.name()).put("kind", t.kind().wireName())
                .put("direction", SENDONLY));
        return list;
    }
}
