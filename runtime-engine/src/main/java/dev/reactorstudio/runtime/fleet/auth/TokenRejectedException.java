package dev.reactorstudio.runtime.fleet.auth;

/** A token that must not pass; the message is the JSON reason sent back with 401. */
public final class TokenRejectedException extends Exception {
    public TokenRejectedException(String reason) {
        super(reason);
    }
}
