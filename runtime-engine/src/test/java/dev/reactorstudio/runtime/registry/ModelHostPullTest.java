package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.HostState;
import dev.reactorstudio.runtime.host.ModelHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code reactor run}: missing manifest weights are pulled before the constructor; others on demand. */
class ModelHostPullTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;

    @Test
    void loadPullsMissingWeightsBeforeTheConstructorAndOthersOnDemand() throws Exception {
        S3Fixture s3 = new S3Fixture(S3);
        s3.put(S3Fixture.PREFIX + "/Tiny/value.txt", "200".getBytes(StandardCharsets.UTF_8));
        s3.put(S3Fixture.PREFIX + "/Tiny/blob.bin", TestData.bytes(2_000_000, 1));
        s3.put(S3Fixture.PREFIX + "/Extra/extra.txt", "7".getBytes(StandardCharsets.UTF_8));
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_x:X","model_name":"x","model_version":"1.0.0","weights":["Tiny"]}
                """);
        Files.writeString(model.resolve("model_x.java"), """
                import dev.reactorstudio.runtime.api.*;
                import java.nio.file.Files;
                public class X extends VideoModel {
                    public final int value;
                    public X() throws Exception {
                        value = Integer.parseInt(Files.readString(VideoModel.weights("Tiny").resolve("value.txt")).trim())
                              + Integer.parseInt(Files.readString(VideoModel.weights("Extra").resolve("extra.txt")).trim());
                    }
                    public void startSession() {}
                }
                """);
        RegistrySettings registry = s3.settings(dir.resolve("cache"));
        ModelHost host = new ModelHost(model, HostOptions.defaults().withEnvironment(registry.environment())
                .withRegistry(registry).withOrphanTimeout(Duration.ZERO));
        try (host) {
            host.load();
            assertThat(host.state()).isEqualTo(HostState.READY);
            Object instance = host.model().orElseThrow().instance();
            assertThat(instance.getClass().getField("value").getInt(instance)).isEqualTo(207);
            assertThat(host.weightsProgress()).hasValueSatisfying(p -> assertThat(p.finished()).isTrue());
        }
        assertThat(CompletionRecord.read(dir.resolve("cache/Tiny"))).isPresent();
        assertThat(CompletionRecord.read(dir.resolve("cache/Extra"))).isPresent();
    }

    @Test
    void loadingDetailReadsLikeAProgressLine() {
        WeightProgress w = new WeightProgress("LongLive", PullPhase.DOWNLOADING, new TransferFigures(3_200_000_000L,
                10_000_000_000L, 120_000_000, Optional.of(Duration.ofSeconds(58))), 3, 10, Optional.of("unet.bin"));
        assertThat(ProgressText.of(w)).isEqualTo("LongLive 3.2/10.0 GB (120.0 MB/s, ETA 58 s)");
        assertThat(new WeightStatus("X", CacheState.MISSING, dir, 0, OptionalLong.empty()).withExpected(5).bytesExpected())
                .hasValue(5);
    }
}
