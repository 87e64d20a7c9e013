package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The model's current values as it reports them: every field of a message
 * {@code {"type": "state", ...}} (other than {@code type}) is remembered under its name, the newest
 * value winning. Clients start their command controls from these (a field named like a command
 * parameter is that parameter's current value). Kept for the model's lifetime, not per session:
 * a model that keeps its settings between sessions keeps reporting them. Thread-safe.
 */
public final class ReportedValues implements MessageSink {
    /** The message type that carries current values. */
    public static final String STATE_TYPE = "state";

    private final ObjectNode values = JsonNodeFactory.instance.objectNode();

    @Override
    public void onMessage(String sessionId, ObjectNode message) {
        if (!STATE_TYPE.equals(message.path("type").asText(null))) {
            return;
        }
        synchronized (values) {
            for (Iterator<Map.Entry<String, JsonNode>> it = message.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("type")) {
                    values.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }
    }

    /** A copy of the values reported so far; empty when the model reported none. */
    public ObjectNode snapshot() {
        synchronized (values) {
            return values.deepCopy();
        }
    }
}
