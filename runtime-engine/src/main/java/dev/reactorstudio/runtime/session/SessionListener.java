package dev.reactorstudio.runtime.session;

/** Receives session lifecycle events; called on the session's threads, so return quickly. */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
