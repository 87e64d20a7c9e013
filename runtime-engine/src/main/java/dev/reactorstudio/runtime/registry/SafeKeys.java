package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an S3 key into a path inside a weight folder, refusing any key that could write outside it
 * ({@code ..}, absolute paths, drive letters, backslashes) or over the cache's own bookkeeping files.
 * A registry is shared storage: a hostile or careless upload must not overwrite files elsewhere.
 */
final class SafeKeys {
    private SafeKeys() {}

    /** The relative path of {@code key} under {@code weightPrefix}; throws {@link RegistryProblem#UNSAFE_KEY}. */
    static String relativePath(String weightPrefix, String key) throws RegistryException {
        if (!key.startsWith(weightPrefix)) {
            throw unsafe(key, "it is not under " + weightPrefix);
        }
        String rel = key.substring(weightPrefix.length());
        if (rel.isEmpty() || rel.startsWith("/") || rel.contains("\\") || rel.contains("\0")
                || rel.matches("^[A-Za-z]:.*")) {
            throw unsafe(key, "its path is empty or absolute");
        }
        for (String segment : rel.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafe(key, "it contains an empty, \".\" or \"..\" path segment");
            }
        }
        String lower = rel.toLowerCase(Locale.ROOT);
        if (lower.endsWith(CacheLayout.PART_SUFFIX) || lower.endsWith(CacheLayout.STATE_SUFFIX)
                || rel.equals(CacheLayout.COMPLETION_RECORD)) {
            throw unsafe(key, "its name is reserved for the cache's partial downloads and completion record");
        }
        return rel;
    }

    /**
     * A weight name becomes one folder name in the cache and one key segment in the registry, so it
     * is held to the manifest's alphabet: letters, digits, {@code _ - .}, not only dots.
     */
    static void checkWeightName(String name) throws RegistryException {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+") || name.matches("\\.+")) {
            throw new RegistryException(RegistryProblem.UNSAFE_KEY, "\"" + name + "\" is not a weight name — use letters,"
                    + " digits, _, - or . (like \"LongLive\")");
        }
    }

    /** Belt and braces: the resolved file must still be inside the folder after normalisation. */
    static Path resolveInside(Path folder, String relativePath) throws RegistryException {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(relativePath).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw unsafe(relativePath, "it resolves outside " + base);
        }
        return file;
    }

    private static RegistryException unsafe(String key, String why) {
        return new RegistryException(RegistryProblem.UNSAFE_KEY,
                "refusing registry key \"" + key + "\": " + why + " — fix or remove that object in the registry");
    }
}
