package dev.reactorstudio.runtime.host;

/** The model folder could not be hosted; the message is written for the model's author. */
public final class ModelHostException extends Exception {
    public ModelHostException(String message) {
        super(message);
    }

    public ModelHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
