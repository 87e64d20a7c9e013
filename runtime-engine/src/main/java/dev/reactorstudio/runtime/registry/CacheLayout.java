package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;

/**
 * Where things live in the cache. {@code <root>/<name>/} is a weight's folder; a file being
 * downloaded is {@code <file>.part} with its resume state in {@code <file>.part.state}; the folder
 * is complete only when {@value #COMPLETION_RECORD} exists. Locks live in {@code <root>/.locks/}
 * so deleting a weight folder never deletes a lock someone holds.
 */
public record CacheLayout(Path root) {
    public static final String COMPLETION_RECORD = ".reactor-complete.json";
    public static final String PART_SUFFIX = ".part";
    public static final String STATE_SUFFIX = ".part.state";

    public CacheLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path weightFolder(String name) {
        return root.resolve(name);
    }

    public Path completionRecord(String name) {
        return weightFolder(name).resolve(COMPLETION_RECORD);
    }

    Path lockFile(String name) {
        return root.resolve(".locks").resolve(name + ".lock");
    }

    static Path partFile(Path file) {
        return file.resolveSibling(file.getFileName() + PART_SUFFIX);
    }

    static Path stateFile(Path file) {
        return file.resolveSibling(file.getFileName() + STATE_SUFFIX);
    }
}
