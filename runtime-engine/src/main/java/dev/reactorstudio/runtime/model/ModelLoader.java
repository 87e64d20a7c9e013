package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.manifest.ClassReference;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a model from its folder: resolves the manifest {@code class}, reads its commands, binds
 * {@code args} and constructs it. Takes the manifest's pieces, not a manifest object, so any
 * caller (CLI, studio, tests) can load a model however it read the manifest.
 *
 * <p>The command schema is read before the constructor runs: a constructor may spend minutes
 * loading weights, and an annotation mistake should not cost the author that wait.
 */
public final class ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private ModelLoader() {}

    /**
     * @param modelFolder the folder holding {@code manifest.json}
     * @param classField  the manifest's {@code class}: {@code model_file:ClassName},
     *                    {@code name.jar:com.acme.Model} or {@code com.acme.Model}
     * @param args        the manifest's {@code args}; null or empty when there are none
     * @throws ModelLoadException saying what to fix; {@link ModelLoadException#compileErrors()}
     *                            holds the errors when the source did not compile
     */
    public static LoadedModel load(Path modelFolder, String classField, JsonNode args) throws ModelLoadException {
        long start = System.nanoTime();
        ClassReference reference = ClassReference.parse(classField).orElseThrow(() -> new ModelLoadException(
                "class \"" + classField + "\" is not a class reference; use one of: model_file:ClassName (a .java or .py"
                        + " file in the model folder), name.jar:com.acme.Model (a class in a jar of the model folder),"
                        + " com.acme.Model (a class in the folder's jars or classes/)"));
        ModelClassResolver.Resolved resolved = ModelClassResolver.resolve(modelFolder, reference, namesPythonFile(classField));
        URLClassLoader loader = resolved.loader();
        try {
            Class<? extends VideoModel> modelClass = resolved.modelClass();
            List<String> warnings = new ArrayList<>();
            resolved.warnings().forEach(w -> warnings.add(w.toString()));
            CommandRegistry commands = CommandRegistry.of(modelClass);
            ArgsBinder.Binding binding = ArgsBinder.bind(modelClass, args);
            if (binding.argsIgnored()) {
                String warning = "args ignored: " + modelClass.getSimpleName()
                        + " has only a no-argument constructor; add one taking a record, JsonNode or Map to receive them";
                LOG.warn(warning);
                warnings.add(warning);
            }
            VideoModel instance = construct(binding, loader);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("Loaded model {} ({} commands) in {} ms", modelClass.getName(), commands.commands().size(),
                    loadTime.toMillis());
            return new LoadedModel(instance, modelClass, commands, loader, loadTime, warnings);
        } catch (ModelLoadException | RuntimeException | Error e) {
            ModelClassResolver.closeQuietly(loader);
            throw e;
        }
    }

    /** {@code model.py:Cls} must reach the Python bridge even if a {@code model.java} sits beside it. */
    private static boolean namesPythonFile(String classField) {
        int colon = classField.indexOf(':');
        return colon > 0 && classField.substring(0, colon).endsWith(".py");
    }

    /** Runs the constructor with the model's loader as context loader, as libraries using it expect. */
    private static VideoModel construct(ArgsBinder.Binding binding, ClassLoader modelLoader) throws ModelLoadException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(modelLoader);
        try {
            return (VideoModel) binding.constructor().newInstance(binding.arguments());
        } catch (InvocationTargetException e) {
            throw constructorFailed(e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw constructorFailed(Optional.ofNullable(e.getCause()).orElse(e));
        } catch (LinkageError e) {
            throw new ModelLoadException("model constructor failed: " + e
                    + " (is a jar it depends on missing from the model folder or lib/?)", e);
        } catch (ReflectiveOperationException e) {
            throw new ModelLoadException("cannot construct " + binding.constructor().getDeclaringClass().getName()
                    + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ModelLoadException constructorFailed(Throwable cause) {
        return new ModelLoadException("model constructor failed: " + cause, cause);
    }
}
