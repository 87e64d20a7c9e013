package dev.reactorstudio.runtime.manifest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks {@code model_name}: lowercase letters, digits, {@code -} and {@code _}, at most 64 characters.
 * The name becomes part of URLs, cache folders and metrics labels, hence the narrow alphabet.
 */
final class ModelNameRule {

    static final int MAX_LENGTH = 64;
    static final String EXAMPLE = "my-model";
    static final String ALPHABET = "lowercase letters, digits, - or _";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ModelNameRule() {
    }

    static void check(String name, ProblemCollector problems) {
        String path = ManifestKeys.MODEL_NAME;
        if (name.isEmpty()) {
            problems.error(path, "is empty — name the model, e.g. \"" + EXAMPLE + "\" (" + ALPHABET + ")");
        } else if (!VALID.matcher(name).matches()) {
            problems.error(path, JsonValues.quote(name) + " is not a valid model name — use " + ALPHABET
                    + ", starting with a letter or digit: \"" + sanitize(name) + "\"");
        } else if (name.length() > MAX_LENGTH) {
            problems.error(path, "is " + name.length() + " characters long, the limit is " + MAX_LENGTH
                    + " — shorten it, e.g. \"" + sanitize(name) + "\"");
        }
    }

    /** The closest valid name: lowercased, other characters turned into {@code -}, trimmed to the limit. */
    static String sanitize(String name) {
        String s = name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[_-]+", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        s = s.replaceAll("[_-]+$", "");
        return s.isEmpty() ? EXAMPLE : s;
    }
}
