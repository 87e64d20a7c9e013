package dev.reactorstudio.studio.weights;

import dev.reactorstudio.runtime.host.LocalWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks at the disk for one weight, with the engine's own lookup ({@link LocalWeights}): a
 * resolvable folder is cached (in the registry cache) or local (model folder, path, environment
 * override); a cache folder with {@code .part} files but no completion record is partial.
 */
public final class WeightScan {

    /** What the disk says about one weight. */
    public record Result(String name, WeightState state, long bytes, Path where, String problem) {}

    private final Path modelFolder;
    private final Map<String, String> environment;

    public WeightScan(Path modelFolder, Map<String, String> environment) {
        this.modelFolder = modelFolder;
        this.environment = environment;
    }

    public Result scan(String name, java.util.List<String> all) {
        Path cache = LocalWeights.cacheRoot(environment);
        Optional<Path> found;
        try {
            found = new LocalWeights(modelFolder, all, environment).find(name);
        } catch (IllegalStateException e) {
            return new Result(name, WeightState.MISSING, 0, null, e.getMessage());
        }
        if (found.isPresent()) {
            Path where = found.get();
            WeightState state = where.startsWith(cache.toAbsolutePath().normalize()) || where.startsWith(cache)
                    ? WeightState.CACHED : WeightState.LOCAL;
            return new Result(name, state, size(where), where, null);
        }
        Path partial = cache.resolve(name);
        if (Files.isDirectory(partial)) {
            return new Result(name, WeightState.PARTIAL, size(partial), partial, null);
        }
        return new Result(name, WeightState.MISSING, 0, null, null);
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
