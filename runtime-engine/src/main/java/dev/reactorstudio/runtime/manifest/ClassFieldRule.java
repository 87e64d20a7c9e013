package dev.reactorstudio.runtime.manifest;

import java.util.Optional;

/** Checks the {@code class} field against the three forms {@link ClassReference} accepts, saying which one fits. */
final class ClassFieldRule {

    static final String FORMS = "use \"model_file:ClassName\" (e.g. \"model_pattern:PatternModel\"), "
            + "\"some.jar:com.acme.Model\" (e.g. \"models.jar:com.acme.Model\") "
            + "or a fully qualified class (e.g. \"com.acme.Model\")";

    private ClassFieldRule() {
    }

    /** The parsed reference, or empty after reporting why {@code text} is none of the forms. */
    static Optional<ClassReference> check(String text, ProblemCollector problems) {
        Optional<ClassReference> ref = ClassReference.parse(text);
        if (ref.isEmpty()) {
            problems.error(ManifestKeys.CLASS, JsonValues.quote(text) + " " + why(text) + " — " + FORMS);
        }
        return ref;
    }

    // The most likely slip, so the author does not have to work it out from the list of forms.
    private static String why(String text) {
        if (text.isBlank()) {
            return "is empty";
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            return "contains spaces";
        }
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            return "has " + colons + " colons, at most one is allowed";
        }
        if (colons == 0) {
            return Character.isUpperCase(text.charAt(0))
                    ? "is a bare class name: say which file it is in, e.g. \"model_file:" + text + "\""
                    : "names no class: add it after a colon, e.g. \"" + text + ":MyModel\"";
        }
        String file = text.substring(0, text.indexOf(':'));
        String cls = text.substring(text.indexOf(':') + 1);
        if (file.isEmpty() || cls.isEmpty()) {
            return "needs both a file and a class around the ':'";
        }
        if (file.contains("/") || file.contains("\\")) {
            return "names a file in a subfolder; the file must sit in the model folder";
        }
        if (!file.endsWith(".jar") && cls.contains(".")) {
            return "puts a qualified class after a source file; a source file needs the simple class name";
        }
        return "is not a valid class reference";
    }
}
