package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.manifest.ClassReference;
import dev.reactorstudio.runtime.python.PythonLaunch;
import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.runtime.python.PythonStartException;
import dev.reactorstudio.runtime.python.PythonVideoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code model_file:ClassName} whose file is Python: starts the model's process through
 * the bridge and builds its command registry from the schema the process reports, so commands of
 * a Python model are validated here, in Java, before they reach the child — the same gate as for
 * Java models.
 */
final class PythonModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PythonModelLoader.class);

    private PythonModelLoader() {}

    /** A {@code .py} named explicitly, or the only source file there is. */
    static boolean isPythonTarget(Path folder, ClassReference reference, boolean pythonNamed) {
        if (!(reference instanceof ClassReference.SourceFile source)) {
            return false;
        }
        Path python = folder.resolve(source.fileStem() + ".py");
        if (pythonNamed) {
            return true;
        }
        return !Files.isRegularFile(folder.resolve(source.fileStem() + ".java")) && Files.isRegularFile(python);
    }

    static LoadedModel load(Path folder, ClassReference.SourceFile source, JsonNode args, PythonOptions options)
            throws ModelLoadException {
        long start = System.nanoTime();
        Path file = folder.resolve(source.fileStem() + ".py");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model source not found: expected " + file);
        }
        String modelName = folder.toAbsolutePath().normalize().getFileName().toString();
        PythonLaunch launch = new PythonLaunch(modelName, folder, source.fileStem(), source.className(), args, options);
        PythonVideoModel model;
        try {
            model = PythonVideoModel.start(launch);
        } catch (PythonStartException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        try {
            CommandRegistry commands = CommandRegistry.fromReportedSchema(model.commandSchema(),
                    spec -> pythonCall(spec));
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("Loaded Python model {}:{} ({} commands) in {} ms", file.getFileName(), source.className(),
                    commands.commands().size(), loadTime.toMillis());
            return new LoadedModel(model, PythonVideoModel.class, commands, PythonVideoModel.class.getClassLoader(),
                    loadTime, List.of());
        } catch (ModelLoadException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** An upload as the child's {@code UploadedFile(path, name, mime_type, size)} is built from. */
    private static Map<String, Object> fileJson(UploadedFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", file.path().toAbsolutePath().toString());
        json.put("name", file.name());
        json.put("mime_type", file.mimeType());
        json.put("size", file.size());
        return json;
    }

    /** Sends the validated arguments by name: Python commands take keyword arguments. */
    private static CommandInvoker pythonCall(CommandSpec spec) {
        List<String> names = spec.params().stream().map(ParamSpec::name).toList();
        return (model, arguments) -> {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), arguments[i] instanceof UploadedFile file ? fileJson(file) : arguments[i]);
            }
            return ((PythonVideoModel) model).call(spec.name(), byName);
        };
    }
}
