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
        return new WeightScan(model, Map.of("REACTOR_CACHE_DIR", cache.toString())).scan(name, List.of("A", "B", "C", "D"));
    }

    @Test
    void statusesFromTheDisk() throws Exception {
        Files.createDirectories(model.resolve("weights/A"));
        Files.write(model.resolve("weights/A/w.bin"), new byte[1000]);
        Files.createDirectories(cache.resolve("B"));
        Files.write(cache.resolve("B/w.bin"), new byte[10]);
        Files.writeString(cache.resolve("B/.reactor-complete.json"), "{}");
        Files.createDirectories(cache.resolve("C"));
        Files.write(cache.resolve("C/w.bin.part"), new byte[5]);

        assertThat(scan("A").state()).isEqualTo(WeightState.LOCAL);
        assertThat(scan("A").bytes()).isEqualTo(1000);
        assertThat(scan("B").state()).isEqualTo(WeightState.CACHED);
        assertThat(scan("C").state()).isEqualTo(WeightState.PARTIAL);
        assertThat(scan("C").bytes()).isEqualTo(5);
        assertThat(scan("D").state()).isEqualTo(WeightState.MISSING);
    }

    @Test
    void sizesReadAsPeopleSayThem() {
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KB");
        assertThat(Sizes.human(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
        assertThat(Sizes.duration(200)).isEqualTo("3 min 20 s");
    }
}
