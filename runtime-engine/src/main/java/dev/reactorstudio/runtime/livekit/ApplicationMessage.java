package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;

/**
 * A command a viewer sends on topic {@code application}: {@code {"type": name, "data": args}},
 * the shape the Reactor SDKs use. The seed-era wrapper {@code {"type":"application","data":{...}}}
 * is unwrapped, so older frontends work unchanged.
 */
record ApplicationMessage(String type, JsonNode data) {
    static final String TOPIC = "application";
    private static final String LEGACY_WRAPPER = "application";

    /** @throws IllegalArgumentException when the payload is not such a JSON object */
    static ApplicationMessage parse(ObjectMapper json, byte[] payload) {
        JsonNode root;
        try {
            // One JSON value and nothing after it: "{...}{...}" is not a command to run the first half of.
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("a message on topic \"application\" must be JSON {\"type\": name, "
                    + "\"data\": args}: " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root != null && LEGACY_WRAPPER.equals(root.path("type").asText()) && root.path("data").isObject()) {
            root = root.get("data");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual() || root.get("type").asText().isEmpty()) {
            throw new IllegalArgumentException("a message on topic \"application\" must be JSON {\"type\": name, "
                    + "\"data\": args}, got " + (root == null ? "nothing" : abbreviate(root.toString())));
        }
        JsonNode data = root.get("data");
        // A command without arguments may omit "data"; binders expect an object either way.
        return new ApplicationMessage(root.get("type").asText(),
                data == null || data.isNull() ? json.createObjectNode() : data);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
