package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/** Computes a file's digest in one sequential pass with a fixed 1 MiB buffer (bounded memory). */
final class FileDigester {
    private static final int BUFFER = 1 << 20;

    private FileDigester() {}

    /** Lower-case hex digest; checks {@code cancel} between buffers so a cancel is honoured within one read. */
    static String hex(Path file, DigestAlgorithm algorithm, CancelSignal cancel) throws IOException, RegistryException {
        DigestAlgorithm.Accumulator acc = algorithm.start();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                cancel.throwIfCancelled();
                buffer.flip();
                acc.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(acc.finish());
    }
}
