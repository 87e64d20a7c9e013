package dev.reactorstudio.runtime.model;

import java.util.List;

/**
 * A model could not be loaded. The message says what to fix (which file, field or method);
 * {@link #compileErrors()} holds the structured compiler errors when the model source did not compile.
 * Checked, because a caller that loads a model always has a user to tell.
 */
public class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<CompileError> compileErrors;

    public ModelLoadException(String message) {
        this(message, null, List.of());
    }

    public ModelLoadException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    public ModelLoadException(String message, List<CompileError> compileErrors) {
        this(message, null, compileErrors);
    }

    private ModelLoadException(String message, Throwable cause, List<CompileError> compileErrors) {
        super(message, cause);
        this.compileErrors = List.copyOf(compileErrors);
    }

    /** The compiler errors, in source order; empty when the failure was not a compile problem. */
    public List<CompileError> compileErrors() {
        return compileErrors;
    }
}
