package dev.reactorstudio.studio.common;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing the author should fix, whoever found it (manifest validation, the Java compiler, a
 * failed run).
 *
 * @param file     the file it is in
 * @param location what the editor highlights: a manifest path like {@code args.fps}, or empty
 * @param line     1-based line, or -1 when unknown
 */
public record Problem(Severity severity, Path file, String location, int line, String message) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        location = location == null ? "" : location;
        Objects.requireNonNull(message, "message");
    }

    /** {@code manifest.json:7 model_version} — where to look, in words. */
    public String where() {
        String at = file.getFileName() + (line > 0 ? ":" + line : "");
        return location.isEmpty() ? at : at + "  " + location;
    }
}
