package dev.reactorstudio.runtime.model;

import java.util.Objects;

/**
 * One compiler error in a model source file, kept structured so the studio editor can mark the
 * line. {@code line} and {@code column} are 1-based; -1 when the compiler gave no position.
 */
public record CompileError(String file, long line, long column, String message) {

    public CompileError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** The javac-style form {@code model_x.java:12: message}, the one editors and terminals link. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
