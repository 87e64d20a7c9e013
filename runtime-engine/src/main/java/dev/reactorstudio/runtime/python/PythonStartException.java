package dev.reactorstudio.runtime.python;

import java.util.Optional;

/**
 * A Python model could not be started: the interpreter is missing, numpy is, the model file does
 * not import (syntax error, missing module), its commands are mis-declared or its {@code __init__}
 * raised. The message names the file and line when the failure has one.
 */
public final class PythonStartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    PythonStartException(String message, String file, int line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    PythonStartException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    /** The model folder's file the failure points at, e.g. {@code model_noise.py}. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line in {@link #file()}, or 0 when unknown. */
    public int line() {
        return line;
    }
}
