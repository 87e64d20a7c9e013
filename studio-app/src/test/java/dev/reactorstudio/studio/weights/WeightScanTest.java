package dev.reactorstudio.studio.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightScanTest {
    @TempDir
    Path model;
    @TempDir
    Path cache;

    private WeightScan.Result scan(String name) {
        return new WeightScan(model, Map.of("REACTOR_CACHE_DIR", cache.toString())).scan(name, List.of("A", "B", "C", "D", "E"));
    }

    @Test
    void statusesComeFromTheEnginesLookupAndCacheRecord() throws Exception {
        Files.createDirectories(model.resolve("weights/A"));
        Files.write(model.resolve("weights/A/w.bin"), new byte[1000]);
        Files.createDirectories(cache.resolve("B"));
        Files.write(cache.resolve("B/w.bin"), new byte[10]);
        Files.writeString(cache.resolve("B/.reactor-complete.json"), """
                {"format": 1, "weight": "B", "registry": "s3://bucket/models", "completedAt": "2026-01-01T00:00:00Z",
                 "files": [{"path": "w.bin", "key": "models/B/w.bin", "size": 10, "eTag": "\\"abc\\""}]}""");
        Files.createDirectories(cache.resolve("C"));
        Files.write(cache.resolve("C/w.bin.part"), new byte[5]);
        // A record the engine cannot read does not make a folder complete.
        Files.createDirectories(cache.resolve("E"));
        Files.write(cache.resolve("E/w.bin"), new byte[7]);
        Files.writeString(cache.resolve("E/.reactor-complete.json"), "{}");

        assertThat(scan("A").state()).isEqualTo(WeightState.LOCAL);
        assertThat(scan("A").bytes()).isEqualTo(1000);
        assertThat(scan("B").state()).isEqualTo(WeightState.CACHED);
        assertThat(scan("B").expectedBytes()).hasValue(10);
        assertThat(scan("C").state()).isEqualTo(WeightState.PARTIAL);
        assertThat(scan("C").bytes()).isEqualTo(5);
        assertThat(scan("D").state()).isEqualTo(WeightState.MISSING);
        assertThat(scan("E").state()).isEqualTo(WeightState.PARTIAL);
    }

    @Test
    void sizesReadAsPeopleSayThem() {
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KB");
        assertThat(Sizes.human(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
        assertThat(Sizes.duration(200)).isEqualTo("3 min 20 s");
    }
}
