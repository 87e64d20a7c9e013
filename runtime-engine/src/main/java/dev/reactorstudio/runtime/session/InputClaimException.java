package dev.reactorstudio.runtime.session;

/**
 * A client may not publish this input: it is not declared (or of the other kind), or another
 * client published it first (first publisher wins). The message says which and what to do.
 */
public final class InputClaimException extends Exception {
    public InputClaimException(String message) {
        super(message);
    }
}
