package dev.reactorstudio.runtime.python;

/** The Python process died (a crash, {@code os._exit}, a kill) while a session or command needed it. */
public final class PythonCrashedException extends Exception {
    private static final long serialVersionUID = 1L;

    PythonCrashedException(String message) {
        super(message, null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
