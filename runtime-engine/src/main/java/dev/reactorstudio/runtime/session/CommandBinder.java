package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;

/**
 * Validates a command call and binds it to the model, without running it. The session layer
 * runs the returned call on the session's command thread; an invalid call never gets that far.
 */
@FunctionalInterface
public interface CommandBinder {

    /**
     * @throws InvalidCommandException when the name is unknown or the arguments do not match its schema
     */
    Callable<Object> bind(String name, JsonNode args);
}
