package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.HostState;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.EndReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/neural-cppn shipped without its {@code weights/} folder: the runtime pulls
 * {@code cppn-v1} from the registry (an in-process S3) into the cache before the constructor runs,
 * and the model streams from the downloaded copy. Together with CppnWeightsTest (cache found,
 * generator reproducible) this covers the example's weights from push to frames.
 */
class NeuralCppnRegistryPullTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "neural-cppn");

    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;

    @Test
    void exampleWithoutItsWeightsFolderPullsCppnV1FromTheRegistryAndStreams() throws Exception {
        S3Fixture s3 = new S3Fixture(S3);
        Path shipped = EXAMPLE.resolve("weights/cppn-v1");
        s3.putWeight("cppn-v1", shipped);
        Path folder = copyWithoutWeights(EXAMPLE, dir.resolve("neural-cppn"));
        Path cache = dir.resolve("cache");
        RegistrySettings registry = s3.settings(cache);

        ModelHost host = new ModelHost(folder, HostOptions.defaults().withEnvironment(registry.environment())
                .withRegistry(registry).withOrphanTimeout(Duration.ZERO));
        try (host) {
            host.load();
            assertThat(host.state()).isEqualTo(HostState.READY);
            assertThat(host.weightsProgress()).as("the load pulled").hasValueSatisfying(p -> {
                assertThat(p.finished()).isTrue();
                assertThat(p.overall().bytesDone()).isEqualTo(p.overall().bytesTotal()).isPositive();
            });
            assertThat(CompletionRecord.read(cache.resolve("cppn-v1"))).isPresent();
            assertThat(TestData.sameFiles(shipped, cache.resolve("cppn-v1"))).as("cache holds the shipped bytes").isTrue();

            var sessions = host.sessions().orElseThrow();
            CompletableFuture<Frame> frame = new CompletableFuture<>();
            sessions.addFrameSink(frame::complete);
            sessions.start();
            try {
                Frame first = frame.get(60, TimeUnit.SECONDS);
                assertThat(first.width()).isEqualTo(640);
                assertThat(first.height()).isEqualTo(480);
            } finally {
                sessions.stop(EndReason.STOPPED);
            }
        }
        assertThat(folder.resolve("weights")).as("nothing written beside the model").doesNotExist();
    }

    /** The example's files beside the manifest: all of it but {@code weights/}, its only folder. */
    private static Path copyWithoutWeights(Path source, Path target) throws Exception {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
        return target;
    }
}
