package dev.reactorstudio.runtime.fleet.join;

/** A coordinator refused this runtime (wrong secret, bad registration): retrying would not help. */
public final class JoinRefusedException extends Exception {
    public JoinRefusedException(String message) {
        super(message);
    }
}
