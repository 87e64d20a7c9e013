package dev.reactorstudio.runtime.session;

/** A session cannot start: one is running, or the previous one has not finished stopping. */
public final class SessionBusyException extends Exception {
    private final String activeSessionId;

    SessionBusyException(String message, String activeSessionId) {
        super(message);
        this.activeSessionId = activeSessionId;
    }

    public String activeSessionId() {
        return activeSessionId;
    }
}
