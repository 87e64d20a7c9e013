package dev.reactorstudio.runtime.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Hostile JSON for the HTTP and data-channel fuzzers: values of every type (nulls, huge and
 * negative numbers, unicode and control characters, long strings, nesting), and text that is
 * almost JSON (cut short, a stray character, nesting deeper than any parser allows, a BOM).
 */
final class FuzzJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> STRINGS = List.of("", " ", "null", "true", "0", "-1", "1e999", "NaN", "Infinity",
            "cool", "warm", "neon", "set_palette", "main_video", "webcam", "../../etc/passwd", "%00", "\u0000",
            "\u202e\uD83D\uDE00ünï", "\uD800", "<script>alert(1)</script>", "'; DROP TABLE x; --", "http://127.0.0.1:9",
            "{\"nested\":\"json in a string\"}", "\\u0000", "a\r\nInjected: header");

    private FuzzJson() {
    }

    /** A random JSON value, {@code depth} levels deep at most. */
    static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 17 : 14);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(21) - 5);
            case 3 -> NODES.numberNode(random.nextInt());
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(random.nextDouble() * 20 - 5);
            case 6 -> NODES.numberNode(new BigDecimal("1e400"));
            case 7 -> NODES.numberNode(new BigInteger("-123456789012345678901234567890"));
            case 8 -> NODES.numberNode(-0.0);
            case 9, 10 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 11 -> NODES.textNode("x".repeat(random.nextInt(20_000)));
            case 12 -> NODES.textNode(randomUnicode(random, 1 + random.nextInt(40)));
            case 13 -> NODES.numberNode(Double.MIN_VALUE);
            case 14, 15 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(key(random), value(random, depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
        };
    }

    static String key(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 1 -> randomUnicode(random, 1 + random.nextInt(8));
            default -> List.of("name", "args", "type", "data", "command", "sdp_offer", "model", "id", "url", "palette",
                    "speed", "size", "__proto__", "constructor").get(random.nextInt(14));
        };
    }

    /** Characters from anywhere in the BMP and beyond, lone surrogates and controls included. */
    static String randomUnicode(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) random.nextInt(0x10000));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return text.toString();
    }

    /** Text that is not quite JSON, or JSON a parser refuses (nesting deeper than its limit). */
    static String broken(Random random, String valid) {
        int at = valid.isEmpty() ? 0 : random.nextInt(valid.length());
        return switch (random.nextInt(10)) {
            case 0 -> valid.substring(0, at);
            case 1 -> valid.substring(0, at) + "{[\",:}]\\".charAt(random.nextInt(8)) + valid.substring(at);
            case 2 -> "\uFEFF" + valid;
            case 3 -> "[".repeat(2_000 + random.nextInt(100_000));
            case 4 -> "{\"a\":".repeat(2_000 + random.nextInt(10_000)) + "1" + "}".repeat(random.nextInt(10));
            case 5 -> valid + valid;
            case 6 -> valid.replace("\"", "'");
            case 7 -> "{\"name\": 1e999999999, \"args\": {\"x\": 1" + "0".repeat(random.nextInt(5_000)) + "}}";
            case 8 -> valid.substring(0, at) + "\\u" + valid.substring(at);
            default -> randomUnicode(random, random.nextInt(200));
        };
    }

    static String text(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
