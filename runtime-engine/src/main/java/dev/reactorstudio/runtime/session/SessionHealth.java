package dev.reactorstudio.runtime.session;

/**
 * Whether the session layer can take a new session.
 *
 * @param healthy false when a model ignored a stop past the grace period
 * @param state   {@code ready}, {@code serving}, {@code stopping} or {@code stuck}
 * @param detail  a sentence for humans
 */
public record SessionHealth(boolean healthy, String state, String detail) {}
