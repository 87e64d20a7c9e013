package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Deterministic test files: the same seed gives the same bytes, so nothing large is checked in. */
final class TestData {
    private TestData() {}

    static Path write(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    /** True when both folders hold the same regular files with the same bytes (cache bookkeeping ignored). */
    static boolean sameFiles(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path e : walk.filter(Files::isRegularFile).toList()) {
                Path a = actual.resolve(expected.relativize(e).toString());
                if (!Files.isRegularFile(a) || Files.mismatch(e, a) != -1) {
                    return false;
                }
            }
        }
        try (Stream<Path> walk = Files.walk(actual)) {
            return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(CacheLayout.COMPLETION_RECORD))
                    .count() == countFiles(expected);
        }
    }

    private static long countFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            var one = java.nio.ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.flip();
            byte b = one.get(0);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~b}), offset);
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

}
