package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest computed while chunks land out of order, from several threads, with retried bytes and
 * chunks resumed from disk, equals the digest of the finished file read in one pass.
 */
class InOrderDigestTest {
    private static final int SIZE = 3_000_000;
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void outOfOrderConcurrentWritesGiveTheSameDigestAsReadingTheFile() throws Exception {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            for (int seed = 0; seed < 5; seed++) {
                Path part = dir.resolve(algorithm + "-" + seed + ".part");
                byte[] content = TestData.bytes(SIZE, seed);
                InOrderDigest digest = new InOrderDigest(part, algorithm, SIZE, new CancelSignal());
                writeConcurrently(part, content, digest, new SplittableRandom(seed), List.of());

                assertThat(digest.finishHex()).as("%s seed %d", algorithm, seed)
                        .isEqualTo(FileDigester.hex(part, algorithm, new CancelSignal()));
            }
        }
    }

    @Test
    void chunksResumedFromDiskAreReadBackIntoTheDigest() throws Exception {
        Path part = dir.resolve("resumed.part");
        byte[] content = TestData.bytes(SIZE, 11);
        List<Integer> resumed = List.of(0, 3, 4, 10); // written by an earlier pull
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int chunk : resumed) {
                int from = chunk * CHUNK;
                out.write(ByteBuffer.wrap(content, from, Math.min(CHUNK, SIZE - from)), from);
            }
        }
        InOrderDigest digest = new InOrderDigest(part, DigestAlgorithm.SHA256, SIZE, new CancelSignal());
        for (int chunk : resumed) {
            digest.onDisk((long) chunk * CHUNK, Math.min((long) (chunk + 1) * CHUNK, SIZE));
        }
        writeConcurrently(part, content, digest, new SplittableRandom(3), resumed);

        assertThat(digest.finishHex()).isEqualTo(FileDigester.hex(part, DigestAlgorithm.SHA256, new CancelSignal()));
    }

    @Test
    void aCorruptedResumedChunkChangesTheDigest() throws Exception {
        Path part = dir.resolve("corrupt.part");
        byte[] content = TestData.bytes(SIZE, 12);
        String good = hexOf(content);
        byte[] damaged = content.clone();
        damaged[CHUNK + 17] ^= 0x40; // the earlier pull left one flipped bit in chunk 1
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(damaged, CHUNK, CHUNK), CHUNK);
        }
        InOrderDigest digest = new InOrderDigest(part, DigestAlgorithm.MD5, SIZE, new CancelSignal());
        digest.onDisk(CHUNK, 2L * CHUNK);
        writeConcurrently(part, content, digest, new SplittableRandom(4), List.of(1));

        assertThat(digest.finishHex()).isNotEqualTo(good);
    }

    @Test
    void aDigestWithBytesMissingRefusesToFinish() throws Exception {
        Path part = dir.resolve("short.part");
        byte[] content = TestData.bytes(1000, 13);
        InOrderDigest digest = new InOrderDigest(part, DigestAlgorithm.SHA1, 2000, new CancelSignal());
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(content), 0);
        }
        digest.written(0, content, 0, content.length);

        assertThatThrownBy(digest::finishHex).hasMessageContaining("covers 1000 of 2000 bytes");
    }

    /**
     * Four threads write the chunks not in {@code skip} in shuffled order, in uneven pieces, and now and
     * then write a piece again (as a retried request does), telling the digest after each write.
     */
    private static void writeConcurrently(Path part, byte[] content, InOrderDigest digest, SplittableRandom random,
                                          List<Integer> skip) throws Exception {
        List<Integer> chunks = new ArrayList<>();
        for (int c = 0; c * CHUNK < content.length; c++) {
            if (!skip.contains(c)) {
                chunks.add(c);
            }
        }
        Collections.shuffle(chunks, new java.util.Random(random.nextLong()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int chunk : chunks) {
                long pieceSeed = random.nextLong();
                futures.add(pool.submit(() -> {
                    SplittableRandom pieces = new SplittableRandom(pieceSeed);
                    int from = chunk * CHUNK;
                    int end = Math.min(from + CHUNK, content.length);
                    int at = from;
                    while (at < end) {
                        int n = Math.min(end - at, 1 + pieces.nextInt(64 * 1024));
                        out.write(ByteBuffer.wrap(content, at, n), at);
                        digest.written(at, content, at, n);
                        if (pieces.nextInt(10) == 0 && at > from) {
                            int back = Math.min(at - from, 5000);
                            digest.written(at - back, content, at - back, back + n); // fetched again after a break
                        }
                        at += n;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String hexOf(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
    }
}
