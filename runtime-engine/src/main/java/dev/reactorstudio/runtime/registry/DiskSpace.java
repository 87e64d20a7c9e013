package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks before a pull that the disk can hold what remains, so a 100 GB pull fails in the first
 * second with a clear message instead of at 97% with a full disk.
 */
final class DiskSpace {
    private DiskSpace() {}

    static void require(Path folder, long bytesNeeded, RegistrySettings settings) throws RegistryException {
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell (some network file systems): let writes fail if they must
        }
        check(folder, bytesNeeded, usable, settings);
    }

    static void check(Path folder, long bytesNeeded, long usable, RegistrySettings settings) throws RegistryException {
        if (bytesNeeded > usable) {
            throw new RegistryException(RegistryProblem.DISK_FULL, "not enough disk space for " + folder.getFileName()
                    + ": it needs " + ByteSizes.format(bytesNeeded) + " more but only " + ByteSizes.format(usable)
                    + " is free under " + settings.cacheRoot() + " — free space or point "
                    + RegistrySettings.CACHE_VARIABLE + " at a bigger disk");
        }
    }
}
