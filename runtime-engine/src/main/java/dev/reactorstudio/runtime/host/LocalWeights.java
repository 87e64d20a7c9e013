package dev.reactorstudio.runtime.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a weight folder without the registry: {@code REACTOR_WEIGHTS_<NAME>}, a manifest entry
 * that is itself a path, the model folder's {@code weights/<name>}, then a completed folder in
 * the registry cache. The registry download path plugs in behind this in a later step.
 */
public final class LocalWeights {
    private final Path modelFolder;
    private final List<String> manifestWeights;
    private final Map<String, String> environment;
    private final Path cacheRoot;

    public LocalWeights(Path modelFolder, List<String> manifestWeights, Map<String, String> environment) {
        this.modelFolder = modelFolder;
        this.manifestWeights = List.copyOf(manifestWeights);
        this.environment = Map.copyOf(environment);
        this.cacheRoot = cacheRoot(environment);
    }

    /** {@code ~/.cache/reactor_registry}, or {@code REACTOR_CACHE_DIR}. */
    public static Path cacheRoot(Map<String, String> environment) {
        String override = environment.get("REACTOR_CACHE_DIR");
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "reactor_registry");
    }

    /** {@code REACTOR_WEIGHTS_} plus the name upper-cased with every other character as {@code _}. */
    public static String environmentVariable(String name) {
        return "REACTOR_WEIGHTS_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public Path resolve(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(notFound(name)));
    }

    public Optional<Path> find(String name) {
        String override = environment.get(environmentVariable(name));
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException(environmentVariable(name) + "=" + override + " is not a folder");
            }
            return Optional.of(path);
        }
        for (Path candidate : candidates(name)) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    private List<Path> candidates(String name) {
        List<Path> paths = new ArrayList<>();
        if (looksLikePath(name)) {
            paths.add(expand(name));
            return paths;
        }
        paths.add(modelFolder.resolve("weights").resolve(name));
        Path cached = cacheRoot.resolve(name);
        // Only a download that finished (its completion record exists) counts as cached.
        if (Files.exists(cached.resolve(".reactor-complete.json"))) {
            paths.add(cached);
        }
        return paths;
    }

    private Path expand(String path) {
        if (path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(2));
        }
        Path p = Path.of(path);
        return p.isAbsolute() ? p : modelFolder.resolve(p);
    }

    static boolean looksLikePath(String name) {
        return name.startsWith("/") || name.startsWith("./") || name.startsWith("../") || name.startsWith("~");
    }

    private String notFound(String name) {
        String known = manifestWeights.contains(name) ? "" : " (it is not listed in the manifest's \"weights\")";
        if (looksLikePath(name)) {
            return "weight \"" + name + "\": folder " + expand(name) + " does not exist" + known;
        }
        return "weight \"" + name + "\" not found" + known + " — put it in " + modelFolder.resolve("weights").resolve(name)
                + ", set " + environmentVariable(name) + "=/path/to/folder, or pull it into " + cacheRoot.resolve(name);
    }
}
