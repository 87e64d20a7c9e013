package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files written so a reader sees the old content or the new, never half: write a temp file,
 * force it to disk, rename over the target, then force the folder so the rename itself survives a
 * power cut. The completion record depends on this to mean "everything before me is on disk".
 */
final class AtomicFiles {
    private AtomicFiles() {}

    static void write(Path target, byte[] content) throws IOException {
        replace(target, content, true);
    }

    /**
     * Replaces {@code target} tear-free (temp file + rename); only with {@code durable} is it forced to
     * disk first. Without, a power cut may lose the new content, never leave half of it.
     */
    static void replace(Path target, byte[] content, boolean durable) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        }
        rename(tmp, target);
        if (durable) {
            forceFolder(target.getParent());
        }
    }

    /** Renames atomically (same folder or same disk) and makes the rename durable. */
    static void move(Path from, Path to) throws IOException {
        rename(from, to);
        forceFolder(to.getParent());
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Windows cannot open folders as channels; NTFS journals renames anyway.
        }
    }
}
