package dev.reactorstudio.runtime.python;

/** The Python process died (a crash, {@code os._exit}, a kill) while a session or command needed it. */
public final class PythonCrashedException extends Exception {
    private static final long serialVersionUID = 1L;

    PythonCrashedException(String message) {
        super(message, null, false, false);
    }

    // Clients and logs show Python's own "Type: message", never this Java class's name.
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return getMessage();
    }
}
