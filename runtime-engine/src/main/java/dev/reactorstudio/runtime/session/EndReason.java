package dev.reactorstudio.runtime.session;

/** Why a session ended. */
public enum EndReason {
    /** {@code startSession()} returned on its own. */
    COMPLETED,
    /** A client or tool asked to stop. */
    STOPPED,
    /** No client was attached for the orphan timeout. */
    ORPHANED,
    /** The runtime shut down. */
    SHUTDOWN,
    /** The model threw. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
