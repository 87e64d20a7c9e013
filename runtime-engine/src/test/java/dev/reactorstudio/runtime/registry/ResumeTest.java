package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling at random byte offsets keeps resumable {@code .part} files; the next pull continues
 * from them (ranged GETs) and ends byte-identical. Corrupt parts and corrupt complete files are caught.
 */
class ResumeTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();
    private static final long CHUNK = 256 * 1024;

    @TempDir
    Path dir;
    S3Fixture s3;
    FaultProxy proxy;
    Path source;
    long total;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3Fixture(S3);
        proxy = new FaultProxy(s3.uri());
        source = dir.resolve("source");
        TestData.write(source.resolve("big.bin"), 6L << 20, 7);             // 24 chunks
        TestData.write(source.resolve("medium.bin"), 700_000, 8);           // 3 chunks
        for (int i = 0; i < 6; i++) {
            TestData.write(source.resolve("small/" + i + ".bin"), 10_000 + i, 20 + i);
        }
        s3.putWeight("W", source);
        try (var walk = Files.walk(source)) {
            total = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private WeightRegistry registry(Path cache) {
        return WeightRegistry.open(s3.settings(proxy.uri(), cache).withChunkSize(CHUNK));
    }

    /** Starts a pull that cancels itself once {@code offset} body bytes have gone through the proxy. */
    private void pullCancelledAt(WeightRegistry registry, long offset) {
        WeightPull pull = registry.pull(java.util.List.of("W"), PullProgressListener.NONE);
        proxy.onGetBytes(offset, at -> pull.cancel());
        try {
            pull.run();
        } catch (RegistryException e) {
            assertThat(e.problem()).isEqualTo(RegistryProblem.CANCELLED);
        }
    }

    @Test
    void cancelAtRandomOffsetsThenResumeGivesByteIdenticalFilesTwentyTimes() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20; i++) {
            Path cache = dir.resolve("cache-" + i);
            try (WeightRegistry registry = registry(cache)) {
                proxy.resetCounters();
                pullCancelledAt(registry, random.nextLong(total));
                if (i % 2 == 0) {
                    pullCancelledAt(registry, random.nextLong(total)); // cut the resumed pull too
                }
                if (registry.cachedFolder("W").isEmpty()) {
                    assertThat(registry.status("W").state()).isIn(CacheState.PARTIAL, CacheState.MISSING);
                }
                Path folder = registry.pull("W", PullProgressListener.NONE);
                assertThat(TestData.sameFiles(source, folder)).as("iteration %d", i).isTrue();
                // Resume re-fetches at most the chunks in flight at each cancel (4 connections), not everything.
                long refetchBound = total + 2 * 4 * CHUNK + 64 * 1024;
                assertThat(proxy.getBodyBytes()).as("bytes fetched in iteration %d", i).isLessThanOrEqualTo(refetchBound);
            }
        }
    }

    @Test
    void cancelKeepsPartFilesAndResumeUsesRangedGets() throws Exception {
        try (WeightRegistry registry = registry(dir.resolve("cache"))) {
            pullCancelledAt(registry, 3L << 20);
            Path folder = registry.cache().weightFolder("W");
            assertThat(folder.resolve("big.bin.part")).exists();
            assertThat(folder.resolve("big.bin.part.state")).exists();
            assertThat(folder.resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
            proxy.resetCounters();
            registry.pull("W", PullProgressListener.NONE);
            // 3 MiB had arrived; at most the 4 chunks in flight at the cancel are fetched again
            assertThat(proxy.getBodyBytes()).isLessThanOrEqualTo(total - (3L << 20) + 4 * CHUNK);
            assertThat(TestData.sameFiles(source, folder)).isTrue();
        }
    }

    @Test
    void corruptedPartIsDetectedAndDownloadedAgain() throws Exception {
        try (WeightRegistry registry = registry(dir.resolve("cache"))) {
            pullCancelledAt(registry, 4L << 20);
            Path part = registry.cache().weightFolder("W").resolve("big.bin.part");
            PartState state = PartState.read(registry.cache().weightFolder("W").resolve("big.bin.part.state")).orElseThrow();
            int doneChunk = state.doneChunks().nextSetBit(0);
            TestData.flipByte(part, doneChunk * CHUNK + 1234);
            proxy.resetCounters();

            Path folder = registry.pull("W", PullProgressListener.NONE);

            assertThat(TestData.sameFiles(source, folder)).isTrue();
            assertThat(proxy.getBodyBytes()).as("big.bin was fetched again in full").isGreaterThanOrEqualTo(6L << 20);
        }
    }

    @Test
    void corruptedCompleteFileIsFoundByVerifyDemotedAndRepairedByPull() throws Exception {
        try (WeightRegistry registry = registry(dir.resolve("cache"))) {
            Path folder = registry.pull("W", PullProgressListener.NONE);
            assertThat(registry.verify("W").ok()).isTrue();
            TestData.flipByte(folder.resolve("medium.bin"), 500_000);

            VerifyReport report = registry.verify("W");

            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).singleElement().asString().startsWith("medium.bin: MD5");
            assertThat(registry.cachedFolder("W")).as("a damaged folder stops counting as cached").isEmpty();
            proxy.resetCounters();
            registry.pull("W", PullProgressListener.NONE);
            assertThat(TestData.sameFiles(source, folder)).isTrue();
            assertThat(proxy.getBodyBytes()).as("only the bad file is fetched again").isEqualTo(700_000);
        }
    }

    @Test
    void fileCorruptedOnTheWireFailsAfterTheSecondTryAndIsNotKept() throws Exception {
        // The registry copy itself disagrees with its checksum: simulate with an ETag the data cannot have.
        s3.client().putObject(b -> b.bucket(S3Fixture.BUCKET).key(S3Fixture.PREFIX + "/Bad/x.bin")
                        .metadata(java.util.Map.of(ExpectedDigest.SHA256_METADATA, "0".repeat(64))),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(TestData.bytes(5000, 3)));
        try (WeightRegistry registry = registry(dir.resolve("cache"))) {
            assertThatThrownBy(() -> registry.pull("Bad", PullProgressListener.NONE))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problem()).isEqualTo(RegistryProblem.CORRUPT));
            Path folder = registry.cache().weightFolder("Bad");
            assertThat(folder.resolve("x.bin")).doesNotExist();
            assertThat(folder.resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
        }
    }
}
