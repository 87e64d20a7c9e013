package dev.reactorstudio.runtime.session;

/** Life of one session: RUNNING until a stop is asked or the model returns; STOPPING while it winds down. */
public enum SessionState {
    RUNNING, STOPPING, ENDED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
