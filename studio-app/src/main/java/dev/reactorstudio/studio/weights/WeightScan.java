package dev.reactorstudio.studio.weights;

import dev.reactorstudio.runtime.host.LocalWeights;
import dev.reactorstudio.runtime.registry.RegistryException;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import dev.reactorstudio.runtime.registry.WeightStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Looks at the disk for one weight with the engine's own logic: {@link LocalWeights} for the
 * places that win over the cache (environment override, a path, the model's {@code weights/NAME}),
 * then the registry cache's status ({@link WeightRegistry#status}: cached only with its completion
 * record, partial when a download started, else missing). Never touches the network.
 */
public final class WeightScan {

    /**
     * What the disk says about one weight.
     *
     * @param expectedBytes the complete size when known (a cached weight's completion record)
     */
    public record Result(String name, WeightState state, long bytes, OptionalLong expectedBytes, Path where, String problem) {}

    private final Path modelFolder;
    private final Map<String, String> environment;

    public WeightScan(Path modelFolder, Map<String, String> environment) {
        this.modelFolder = modelFolder;
        this.environment = environment;
    }

    public Result scan(String name, List<String> all) {
        Path cache = LocalWeights.cacheRoot(environment);
        LocalWeights local = new LocalWeights(modelFolder, all, environment, cache);
        Optional<Path> found;
        try {
            found = local.find(name);
        } catch (IllegalStateException e) {
            return new Result(name, WeightState.MISSING, 0, OptionalLong.empty(), null, e.getMessage());
        }
        Path cacheFolder = cache.resolve(name).toAbsolutePath().normalize();
        if (found.isPresent() && !found.get().toAbsolutePath().normalize().equals(cacheFolder)) {
            return new Result(name, WeightState.LOCAL, size(found.get()), OptionalLong.empty(), found.get(), null);
        }
        // Only the cache's own path is asked about: status never reads the registry settings' location.
        try (WeightRegistry registry = WeightRegistry.open(RegistrySettings.fromEnvironment(Map.of()).withCacheRoot(cache))) {
            WeightStatus status = registry.status(name);
            return switch (status.state()) {
                case CACHED -> new Result(name, WeightState.CACHED, status.bytesOnDisk(), status.bytesExpected(), status.folder(), null);
                case PARTIAL -> new Result(name, WeightState.PARTIAL, status.bytesOnDisk(), OptionalLong.empty(), status.folder(), null);
                case MISSING -> new Result(name, WeightState.MISSING, 0, OptionalLong.empty(), null, null);
            };
        } catch (RegistryException notACacheName) {
            // A path-like name that does not exist: the engine's own "not found" says where it looked.
            String why;
            try {
                local.resolve(name);
                why = notACacheName.getMessage();
            } catch (IllegalStateException e) {
                why = e.getMessage();
            }
            return new Result(name, WeightState.MISSING, 0, OptionalLong.empty(), null, why);
        }
    }

    static long size(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
