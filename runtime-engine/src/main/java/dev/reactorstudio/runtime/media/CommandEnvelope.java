package dev.reactorstudio.runtime.media;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The JSON envelope of the Reactor data channel, both directions:
 * {@code {"scope":"application"|"runtime","data":{"type":..., "data":...}}}. Client frames carry
 * a command ({@code application}) or a runtime request ({@code ping}, {@code requestCapabilities});
 * model messages go out as {@code {"scope":"application","data":<message verbatim>}}.
 *
 * @param scope {@code application} or {@code runtime}
 * @param type  the inner {@code type}: a command name, or a runtime message type
 * @param data  the inner {@code data} (command arguments), never null (an empty object when absent)
 * @param uploads the inner {@code uploads} — file arguments the SDK moved out of {@code data} as
 *              {@code {"<param>": {"upload_id","name","mime_type","size"}}} — or JSON null when absent
 */
public record CommandEnvelope(String scope, String type, JsonNode data, JsonNode uploads) {
    public static final String APPLICATION = "application";
    public static final String RUNTIME = "runtime";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One JSON value and nothing after it: "{...}{...}" is not a frame to act on half of. */
    private static final ObjectReader STRICT = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public CommandEnvelope(String scope, String type, JsonNode data) {
        this(scope, type, data, JsonNodeFactory.instance.nullNode());
    }

    /** Parses a client frame; empty when it is not JSON or has no scope/type (such frames are ignored). */
    public static Optional<CommandEnvelope> parse(String text) {
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String scope = root.path("scope").asText("");
        JsonNode inner = root.path("data");
        String type = inner.path("type").asText("");
        if (scope.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        JsonNode data = inner.has("data") && !inner.get("data").isNull()
                ? inner.get("data") : JsonNodeFactory.instance.objectNode();
        JsonNode uploads = inner.has("uploads") ? inner.get("uploads") : JsonNodeFactory.instance.nullNode();
        return Optional.of(new CommandEnvelope(scope, type, data, uploads));
    }

    public boolean isApplication() {
        return APPLICATION.equals(scope);
    }

    public boolean isRuntime(String runtimeType) {
        return RUNTIME.equals(scope) && runtimeType.equals(type);
    }

    /** {@code {"scope":"application","data":message}} as text. */
    public static String application(JsonNode message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scope", APPLICATION);
        root.set("data", message);
        return root.toString();
    }

    /** {@code {"scope":"runtime","data":{"type":type,"data":data}}} as text. */
    public static String runtime(String type, JsonNode data) {
        ObjectNode inner = JsonNodeFactory.instance.objectNode();
        inner.put("type", type);
        inner.set("data", data);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scope", RUNTIME);
        root.set("data", inner);
        return root.toString();
    }
}
