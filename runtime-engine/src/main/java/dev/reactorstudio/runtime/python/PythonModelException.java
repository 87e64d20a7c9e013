package dev.reactorstudio.runtime.python;

/**
 * The Python model raised: in {@code start_session()} (the session ends with this error) or in a
 * command. The message is Python's {@code Type: message}, as clients should see it; the full
 * traceback is in {@link #pythonTraceback()} and in the runtime log. No Java stack trace: it
 * would only show the bridge's own reader, never the model's code.
 */
public final class PythonModelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pythonTraceback;

    PythonModelException(String message, String pythonTraceback) {
        super(message, null, false, false);
        this.pythonTraceback = pythonTraceback == null ? "" : pythonTraceback;
    }

    public String pythonTraceback() {
        return pythonTraceback;
    }

    // Clients and logs show Python's own "Type: message", never this Java class's name.
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return getMessage();
    }
}
