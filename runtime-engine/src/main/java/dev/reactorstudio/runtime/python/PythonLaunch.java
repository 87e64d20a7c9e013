package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to run: the model file {@code <folder>/<module>.py}, its class, the manifest's {@code args}.
 *
 * @param modelName tags the child's log lines ({@code python.<modelName>}) and its threads
 */
public record PythonLaunch(String modelName, Path folder, String module, String className, JsonNode args,
        PythonOptions options) {

    public PythonLaunch {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(options, "options");
        folder = folder.toAbsolutePath().normalize();
    }

    /** The model file, for messages. */
    String fileName() {
        return module + ".py";
    }
}
