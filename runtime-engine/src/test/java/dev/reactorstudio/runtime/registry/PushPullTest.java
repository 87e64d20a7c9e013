package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code push} then {@code pull}: a folder goes up (multipart for large files) and comes back identical. */
class PushPullTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;

    @Test
    void pushedFolderPullsBackIdenticalAndVerifiedBySha256() throws Exception {
        S3Fixture s3 = new S3Fixture(S3);
        Path source = dir.resolve("mine");
        TestData.write(source.resolve("unet.bin"), 13L << 20, 5);
        TestData.write(source.resolve("vae/decoder.bin"), 300_000, 6);
        Files.writeString(source.resolve("config.json"), "{}");
        RegistrySettings settings = s3.settings(dir.resolve("cache")).withChunkSize(5L << 20);
        try (WeightRegistry registry = WeightRegistry.open(settings)) {
            PushResult pushed = registry.push("Mine", source, false, PullProgressListener.NONE);
            assertThat(pushed.files()).isEqualTo(3);
            assertThat(pushed.multipartFiles()).isEqualTo(1);
            assertThat(registry.remoteObjects("Mine")).filteredOn(o -> o.path().equals("unet.bin"))
                    .singleElement().satisfies(o -> assertThat(o.eTag()).endsWith("-3"));

            Path folder = registry.pull("Mine", PullProgressListener.NONE);

            assertThat(TestData.sameFiles(source, folder)).isTrue();
            assertThat(CompletionRecord.read(folder).orElseThrow().files())
                    .allSatisfy(f -> assertThat(f.digest().source()).isEqualTo("x-amz-meta-reactor-sha256"));
            assertThat(registry.verify("Mine").ok()).isTrue();
        }
    }

    @Test
    void pushRefusesToOverwriteUnlessReplaceWhichAlsoRemovesStaleFiles() throws Exception {
        S3Fixture s3 = new S3Fixture(S3);
        Path source = dir.resolve("mine");
        TestData.write(source.resolve("a.bin"), 1000, 1);
        TestData.write(source.resolve("b.bin"), 1000, 2);
        try (WeightRegistry registry = WeightRegistry.open(s3.settings(dir.resolve("cache")))) {
            registry.push("Mine", source, false, PullProgressListener.NONE);
            RegistryException e = catchThrowableOfType(RegistryException.class,
                    () -> registry.push("Mine", source, false, PullProgressListener.NONE));
            assertThat(e.getMessage()).contains("already exists", "--replace");

            Files.delete(source.resolve("b.bin"));
            PushResult replaced = registry.push("Mine", source, true, PullProgressListener.NONE);
            assertThat(replaced.removed()).isEqualTo(1);
            assertThat(registry.remoteObjects("Mine")).extracting(RemoteObject::path).containsExactly("a.bin");
        }
    }
}
