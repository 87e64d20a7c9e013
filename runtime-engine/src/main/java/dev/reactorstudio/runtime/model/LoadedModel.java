package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A constructed model, ready for sessions.
 *
 * @param instance    the one model instance of this runtime
 * @param modelClass  its class, loaded by {@code classLoader}
 * @param commands    its command schema and call validation
 * @param classLoader the loader that owns the model's classes (source, jars, {@code classes/})
 * @param loadTime    compile + class loading + construction
 * @param warnings    things worth showing the author that did not stop the load: compiler
 *                    warnings ({@code model.java:3: ...}), ignored args
 */
public record LoadedModel(VideoModel instance, Class<? extends VideoModel> modelClass, CommandRegistry commands,
        ClassLoader classLoader, Duration loadTime, List<String> warnings) implements AutoCloseable {

    public LoadedModel {
        warnings = List.copyOf(warnings);
    }

    /**
     * Releases the model's jar files (so the studio can rebuild them, and Windows can delete them).
     * Call it only once the model is no longer used: classes not loaded yet become unreachable.
     */
    @Override
    public void close() throws IOException {
        if (classLoader instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
