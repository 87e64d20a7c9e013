package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** Describes JSON values in messages ("a number (42)") and checks the common "must be a string" rule. */
final class JsonValues {

    private static final int SHOWN_TEXT = 40;

    private JsonValues() {
    }

    /** What {@code node} is, for "expected X, got Y": {@code a number (42)}, {@code an array}, {@code null}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string (" + quote(node.textValue()) + ")";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** {@code text} in double quotes, shortened when long, for quoting an author's value back. */
    static String quote(String text) {
        String shown = text.length() > SHOWN_TEXT ? text.substring(0, SHOWN_TEXT) + "…" : text;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The string at {@code path}, or empty after reporting that it is not a string.
     *
     * @param example a valid value, shown in the fix
     */
    static Optional<String> requireString(JsonNode node, String path, String example, ProblemCollector problems) {
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        String fix = node.isValueNode() && !node.isNull()
                ? " — write it in double quotes, like " + quote(example)
                : " — use a string like " + quote(example);
        problems.error(path, "expected a string, got " + describe(node) + fix);
        return Optional.empty();
    }
}
