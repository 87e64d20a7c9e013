package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link LocatedJson} by walking Jackson's token stream, recording where each value starts.
 * Strict JSON: no comments, no trailing commas, nothing after the top-level value — the runtime
 * in production reads manifests with a strict parser, so the studio must not accept more.
 */
final class LocatingJsonParser {

    /** Message of the exception thrown for content after the top-level value (see {@link SyntaxErrorExplainer}). */
    static final String TRAILING_CONTENT = "trailing content after the top-level value";

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final Map<String, LocatedJson.Position> values = new HashMap<>();
    private final Map<String, LocatedJson.Position> keys = new HashMap<>();
    private final List<LocatedJson.DuplicateKey> duplicates = new ArrayList<>();

    private LocatingJsonParser(JsonParser parser) {
        this.parser = parser;
    }

    /** Parses {@code text}; throws Jackson's exception (with its location) on a syntax error. */
    static LocatedJson parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            LocatingJsonParser walker = new LocatingJsonParser(p);
            if (p.nextToken() == null) {
                return new LocatedJson(null, Map.of(), Map.of(), List.of());
            }
            JsonNode root = walker.value("");
            if (p.nextToken() != null) {
                throw new JsonParseException(p, TRAILING_CONTENT, p.currentTokenLocation());
            }
            return new LocatedJson(root, Map.copyOf(walker.values), Map.copyOf(walker.keys),
                    List.copyOf(walker.duplicates));
        }
    }

    /** Reads the value whose first token is current, recording its position under {@code path}. */
    private JsonNode value(String path) throws IOException {
        values.put(path, position(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(path);
            case START_ARRAY -> array(path);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> decimal();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    // The same node types Jackson's own tree reader makes, so trees compare equal to ObjectMapper's.
    private JsonNode integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    // A double unless it overflows (1e400), which would otherwise turn into a non-JSON "Infinity".
    private JsonNode decimal() throws IOException {
        double d = parser.getDoubleValue();
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.numberNode(parser.getDecimalValue());
    }

    private ObjectNode object(String path) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = LocatedJson.member(path, key);
            LocatedJson.Position keyPosition = position(parser.currentTokenLocation());
            if (node.has(key)) {
                duplicates.add(new LocatedJson.DuplicateKey(child, keys.get(child), keyPosition));
                node.remove(key); // keep document order: the value that wins sits where it was written last
            }
            keys.put(child, keyPosition);
            parser.nextToken();
            node.set(key, value(child));
        }
        return node;
    }

    private ArrayNode array(String path) throws IOException {
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(LocatedJson.element(path, index++)));
        }
        return node;
    }

    private static LocatedJson.Position position(JsonLocation location) {
        return new LocatedJson.Position(location.getLineNr(), location.getColumnNr());
    }
}
