package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One {@code send()} message: when, its {@code type} field (or "message"), compact and pretty JSON. */
public record MessageEntry(Instant time, String sessionId, String type, String compact, String pretty) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static MessageEntry of(String sessionId, ObjectNode message) {
        JsonNode type = message.get("type");
        String pretty;
        try {
            pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            pretty = message.toString();
        }
        return new MessageEntry(Instant.now(), sessionId, type != null && type.isTextual() ? type.asText() : "message",
                message.toString(), pretty);
    }

    /** Case-insensitive match on type or content, for the log's filter box. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.toLowerCase(java.util.Locale.ROOT);
        return type.toLowerCase(java.util.Locale.ROOT).contains(f) || compact.toLowerCase(java.util.Locale.ROOT).contains(f);
    }
}
