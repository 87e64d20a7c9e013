package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Reads the cache's state from disk: which weights are there and how complete they are. */
final class CacheInspector {
    private final CacheLayout layout;

    CacheInspector(CacheLayout layout) {
        this.layout = layout;
    }

    WeightStatus status(String name) throws RegistryException {
        SafeKeys.checkWeightName(name);
        Path folder = layout.weightFolder(name);
        if (!Files.isDirectory(folder)) {
            return new WeightStatus(name, CacheState.MISSING, folder, 0, OptionalLong.empty());
        }
        Optional<CompletionRecord> record = CompletionRecord.read(folder);
        long onDisk = sizeOf(folder);
        return record.map(r -> new WeightStatus(name, CacheState.CACHED, folder, onDisk, OptionalLong.of(r.totalBytes())))
                .orElseGet(() -> new WeightStatus(name, CacheState.PARTIAL, folder, onDisk, OptionalLong.empty()));
    }

    /** Names of every weight folder in the cache (complete or not). */
    List<String> names() {
        if (!Files.isDirectory(layout.root())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(layout.root())) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long sizeOf(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
