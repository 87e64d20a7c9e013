package dev.reactorstudio.studio.weights;

import dev.reactorstudio.runtime.registry.PullProgress;
import dev.reactorstudio.runtime.registry.RegistryException;
import dev.reactorstudio.runtime.registry.RegistryLocation;
import dev.reactorstudio.runtime.registry.TransferFigures;
import dev.reactorstudio.runtime.registry.WeightProgress;
import dev.reactorstudio.runtime.registry.WeightPull;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link WeightDownloads} over the engine's weights registry: the same parallel, resumable,
 * verified pull as {@code reactor weights pull}, into the same cache. Each download runs on its
 * own daemon thread; cancel keeps the {@code .part} files, so a later start resumes.
 */
public final class RegistryDownloads implements WeightDownloads {
    private final Map<String, String> environment;

    /** @param environment where the cache ({@code REACTOR_CACHE_DIR}) and AWS settings come from */
    public RegistryDownloads(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The engine's settings for what the Weights view shows: its fields win over the environment. */
    public static dev.reactorstudio.runtime.registry.RegistrySettings engineSettings(RegistrySettings view,
                                                                                    Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        String profile = text(view.profile().get());
        if (!profile.isEmpty()) {
            env.put("AWS_PROFILE", profile);
        }
        var settings = dev.reactorstudio.runtime.registry.RegistrySettings.fromEnvironment(env);
        String location = text(view.location().get());
        if (!location.isEmpty()) {
            settings = settings.withLocation(RegistryLocation.parse(location));
        }
        String endpoint = text(view.endpoint().get());
        if (!endpoint.isEmpty()) {
            settings = settings.withEndpoint(URI.create(endpoint));
        }
        return settings;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public Handle start(String weight, RegistrySettings settings, Listener listener) {
        WeightRegistry registry;
        WeightPull pull;
        try {
            registry = WeightRegistry.open(engineSettings(settings, environment));
            pull = registry.pull(List.of(weight), progress -> report(weight, progress, listener));
        } catch (RuntimeException e) {
            // A malformed location or endpoint: say so in the row instead of failing the task silently.
            listener.failed(weight, e.getMessage());
            return () -> { };
        }
        Thread thread = new Thread(() -> {
            try {
                Path folder = pull.run().get(0);
                listener.finished(weight, folder);
            } catch (RegistryException e) {
                // A cancel came from the task, which has already ended and rescans the row.
                if (!pull.isCancelled()) {
                    listener.failed(weight, e.getMessage());
                }
            } catch (RuntimeException e) {
                listener.failed(weight, "unexpected: " + e);
            } finally {
                registry.close();
            }
        }, "studio-pull-" + weight);
        thread.setDaemon(true);
        thread.start();
        return pull::cancel;
    }

    private static void report(String weight, PullProgress progress, Listener listener) {
        for (WeightProgress w : progress.weights()) {
            if (w.weight().equals(weight)) {
                TransferFigures f = w.figures();
                listener.progress(weight, f.bytesDone(), f.bytesTotal(), f.bytesPerSecond(),
                        f.eta().map(java.time.Duration::toSeconds).orElse(-1L));
            }
        }
    }
}
