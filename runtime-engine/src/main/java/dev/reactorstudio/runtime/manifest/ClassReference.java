package dev.reactorstudio.runtime.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The manifest's {@code class} field, parsed. Three forms:
 * <ul>
 *   <li>{@code model_file:ClassName} — a source file in the model folder ({@code model_file.java},
 *       or {@code model_file.py} for the Python bridge);</li>
 *   <li>{@code name.jar:com.acme.Model} — a class in a jar of the model folder;</li>
 *   <li>{@code com.acme.Model} — a fully qualified class found in the folder's jars or {@code classes/}.</li>
 * </ul>
 */
public sealed interface ClassReference {

    Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    Pattern FILE_STEM = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-.]*");

    /** {@code model_file:ClassName}: {@code fileStem} has no extension. */
    record SourceFile(String fileStem, String className) implements ClassReference {}

    /** {@code name.jar:com.acme.Model}. */
    record JarClass(String jarFile, String className) implements ClassReference {}

    /** {@code com.acme.Model}. */
    record QualifiedClass(String className) implements ClassReference {}

    /** The simple or qualified class name this reference points at. */
    String className();

    /**
     * Parses {@code text}; empty when it has none of the three forms (the validator explains why).
     */
    static Optional<ClassReference> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return QUALIFIED_NAME.matcher(text).matches() && text.contains(".")
                    ? Optional.of(new QualifiedClass(text)) : Optional.empty();
        }
        if (colon != text.lastIndexOf(':')) {
            return Optional.empty();
        }
        String file = text.substring(0, colon);
        String cls = text.substring(colon + 1);
        if (file.endsWith(".jar")) {
            return QUALIFIED_NAME.matcher(cls).matches() && !file.contains("/") && !file.contains("\\")
                    && file.length() > 4 ? Optional.of(new JarClass(file, cls)) : Optional.empty();
        }
        String stem = file.endsWith(".py") || file.endsWith(".java") ? file.substring(0, file.lastIndexOf('.')) : file;
        return FILE_STEM.matcher(stem).matches() && JAVA_NAME.matcher(cls).matches()
                ? Optional.of(new SourceFile(stem, cls)) : Optional.empty();
    }
}
