package dev.reactorstudio.runtime.session;

/** A command or stop arrived while no session runs. */
public final class NoActiveSessionException extends Exception {
    NoActiveSessionException() {
        super("no session is running — start one first (POST /start_session)");
    }
}
