package dev.reactorstudio.runtime.livekit;

/** The model cannot take a viewer now: not loaded yet, or its session is stopping. Answered with 503. */
final class ModelUnavailableException extends Exception {
    ModelUnavailableException(String message) {
        super(message);
    }
}
