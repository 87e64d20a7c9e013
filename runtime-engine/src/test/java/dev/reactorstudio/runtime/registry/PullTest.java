package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pulling a weight from a real (in-process) S3 API into the cache. */
class PullTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;
    S3Fixture s3;
    FaultProxy proxy;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3Fixture(S3);
        proxy = new FaultProxy(s3.uri());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void pullsALargeObjectAndManySmallOnesByteIdenticalWithProgressThenSkipsThemNextTime() throws Exception {
        Path source = dir.resolve("source");
        TestData.write(source.resolve("model.safetensors"), 200L << 20, 1);
        for (int i = 0; i < 40; i++) {
            TestData.write(source.resolve("shards/part-" + i + ".bin"), 1000 + i * 3001L, 100 + i);
        }
        Files.createDirectories(source.resolve("config"));
        Files.writeString(source.resolve("config/config.json"), "{\"layers\": 12}");
        Files.write(source.resolve("config/empty.txt"), new byte[0]);
        s3.putWeight("LongLive", source);

        List<PullProgress> events = new CopyOnWriteArrayList<>();
        try (WeightRegistry registry = WeightRegistry.open(s3.settings(proxy.uri(), dir.resolve("cache")).withChunkSize(16L << 20))) {
            Path folder = registry.pull("LongLive", events::add);

            assertThat(folder).isEqualTo(dir.resolve("cache/LongLive").toAbsolutePath());
            assertThat(TestData.sameFiles(source, folder)).isTrue();
            assertThat(registry.status("LongLive").state()).isEqualTo(CacheState.CACHED);
            assertThat(registry.cachedFolder("LongLive")).contains(folder);
            CompletionRecord record = CompletionRecord.read(folder).orElseThrow();
            assertThat(record.files()).hasSize(43);
            assertThat(record.files()).allSatisfy(f -> assertThat(f.digest().algorithm()).isEqualTo(DigestAlgorithm.MD5));
            try (var walk = Files.walk(folder)) {
                assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".part") || p.endsWith(".part.state") || p.endsWith(".tmp"));
            }
            // the large object arrived as 13 ranged GETs, the small ones as one each (the empty one needs none)
            assertThat(proxy.getCount()).isEqualTo(13 + 41);

            PullProgress last = events.get(events.size() - 1);
            assertThat(last.finished()).isTrue();
            assertThat(last.overall().bytesDone()).isEqualTo(last.overall().bytesTotal()).isEqualTo(record.totalBytes());
            assertThat(last.weights().get(0).phase()).isEqualTo(PullPhase.COMPLETE);
            assertThat(last.weights().get(0).filesDone()).isEqualTo(43);
            assertThat(events).filteredOn(e -> !e.finished()).allSatisfy(e -> assertThat(e.overall().bytesDone())
                    .isLessThanOrEqualTo(e.overall().bytesTotal()));

            proxy.resetCounters();
            registry.pull("LongLive", PullProgressListener.NONE);
            assertThat(proxy.getCount()).as("complete objects are skipped").isZero();
        }
    }

    @Test
    void pullsSeveralWeightsWithOverallProgress() throws Exception {
        s3.put(S3Fixture.PREFIX + "/A/a.bin", TestData.bytes(300_000, 1));
        s3.put(S3Fixture.PREFIX + "/B/b.bin", TestData.bytes(200_000, 2));
        List<PullProgress> events = new CopyOnWriteArrayList<>();
        try (WeightRegistry registry = WeightRegistry.open(s3.settings(dir.resolve("cache")))) {
            List<Path> folders = registry.pull(List.of("A", "B"), events::add).run();
            assertThat(folders).extracting(p -> p.getFileName().toString()).containsExactly("A", "B");
            PullProgress last = events.get(events.size() - 1);
            assertThat(last.overall().bytesTotal()).isEqualTo(500_000);
            assertThat(last.weights()).extracting(WeightProgress::weight).containsExactly("A", "B");
            assertThat(registry.remoteWeights()).containsExactly("A", "B");
        }
    }
}
