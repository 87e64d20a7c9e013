package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.util.Map;
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

    /**
     * Binds a call that carries uploaded files for its file parameters. A binder without file
     * parameters refuses any file.
     *
     * @param files resolved, authorised uploads by parameter name
     * @throws InvalidCommandException as {@link #bind(String, JsonNode)}, or for a file no parameter takes
     */
    default Callable<Object> bind(String name, JsonNode args, Map<String, UploadedFile> files) {
        if (!files.isEmpty()) {
            throw new InvalidCommandException("command " + name + " takes no files",
                    files.keySet().stream().map(f -> f + ": unexpected upload — " + name + " takes no files").toList());
        }
        return bind(name, args);
    }
}
