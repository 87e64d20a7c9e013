package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON tree plus where each value and key sits in the text. Jackson's tree forgets positions,
 * and problems are far more useful when an editor can jump to them.
 *
 * @param root      the document's value; {@code null} when the text holds no value at all
 * @param values    JSON path → position of the value's first character
 * @param keys      JSON path → position of the key that introduced it (object members only)
 * @param duplicates later occurrences of a key already present in the same object
 */
record LocatedJson(JsonNode root, Map<String, Position> values, Map<String, Position> keys,
                   List<DuplicateKey> duplicates) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** A 1-based line and column in the JSON text. */
    record Position(int line, int column) {
        static final Position UNKNOWN = new Position(ManifestProblem.UNKNOWN, ManifestProblem.UNKNOWN);
    }

    /** A key given twice in one object; the tree keeps the last value, as Jackson does. */
    record DuplicateKey(String path, Position first, Position again) {
    }

    Position valueAt(String path) {
        return values.getOrDefault(path, Position.UNKNOWN);
    }

    Position keyAt(String path) {
        return keys.getOrDefault(path, valueAt(path));
    }

    /** The path of member {@code key} of the object at {@code parent}: {@code args.fps}, {@code args["a b"]}. */
    static String member(String parent, String key) {
        if (parent.isEmpty()) {
            return key;
        }
        return PLAIN_KEY.matcher(key).matches() ? parent + "." + key
                : parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** The path of element {@code index} of the array at {@code parent}: {@code weights[2]}. */
    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
