package dev.reactorstudio.runtime.manifest;

import java.util.Objects;

/**
 * One thing wrong with a manifest, phrased so the author can fix it: what is wrong and how to fix it.
 *
 * @param path    where in the JSON: {@code model_version}, {@code args.fps}, {@code weights[2]}, or
 *                {@code ""} for the whole file
 * @param line    1-based line of the offending value in the JSON text, -1 when unknown
 * @param column  1-based column of the offending value, -1 when unknown (editors underline from here)
 */
public record ManifestProblem(Severity severity, String path, String message, int line, int column) {

    public static final int UNKNOWN = -1;

    public ManifestProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public ManifestProblem(Severity severity, String path, String message) {
        this(severity, path, message, UNKNOWN, UNKNOWN);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean hasPosition() {
        return line != UNKNOWN;
    }

    /** {@code path: message}, or just the message for whole-file problems. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
