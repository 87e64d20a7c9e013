package dev.reactorstudio.studio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import java.util.Optional;

/**
 * The type column of the args table: how the value text of a row becomes JSON. Lists and objects
 * (like {@code size: [480, 640]}) are edited as JSON text.
 */
public enum ArgType {
    STRING, INTEGER, NUMBER, BOOLEAN, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ArgType of(JsonNode value) {
        if (value.isTextual()) {
            return STRING;
        }
        if (value.isIntegralNumber()) {
            return INTEGER;
        }
        if (value.isNumber()) {
            return NUMBER;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        return JSON;
    }

    /** The text the value cell shows. */
    public static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The JSON for {@code text}, or empty with no value when the text is not of this type. */
    public Optional<JsonNode> parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            return switch (this) {
                case STRING -> Optional.of(NODES.textNode(text == null ? "" : text));
                case INTEGER -> Optional.of(NODES.numberNode(Long.parseLong(t)));
                case NUMBER -> Optional.of(NODES.numberNode(Double.parseDouble(t)));
                case BOOLEAN -> t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")
                        ? Optional.of(NODES.booleanNode(Boolean.parseBoolean(t))) : Optional.empty();
                case JSON -> Optional.of(MAPPER.readTree(t.isEmpty() ? "null" : t));
            };
        } catch (NumberFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** "is not an integer" and so on, for the form's inline message. */
    public String expected() {
        return switch (this) {
            case STRING -> "text";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case JSON -> "JSON (a list like [480, 640], an object, or a value)";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
