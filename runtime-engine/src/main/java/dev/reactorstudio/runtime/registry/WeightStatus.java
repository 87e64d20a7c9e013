package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the cache holds of one weight, from the disk alone (no network).
 *
 * @param bytesOnDisk   everything in the folder, partial files included
 * @param bytesExpected the complete size when known (from the completion record, or the registry when asked)
 */
public record WeightStatus(String name, CacheState state, Path folder, long bytesOnDisk, OptionalLong bytesExpected) {

    public WeightStatus withExpected(long bytes) {
        return new WeightStatus(name, state, folder, bytesOnDisk, OptionalLong.of(bytes));
    }
}
