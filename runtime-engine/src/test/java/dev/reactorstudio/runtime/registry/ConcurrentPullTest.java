package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two pulls of one weight at once: one downloads, the other waits on the lock; both get the same folder. */
class ConcurrentPullTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;
    S3Fixture s3;
    FaultProxy proxy;
    long total;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3Fixture(S3);
        proxy = new FaultProxy(s3.uri());
        for (int i = 0; i < 6; i++) {
            s3.put(S3Fixture.PREFIX + "/W/f" + i + ".bin", TestData.bytes(400_000, i));
            total += 400_000;
        }
        // Slow every GET a little so the two pulls surely overlap.
        proxy.inject(FaultProxy.Request::objectGet, 1000, new FaultProxy.Delay(150));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void twoPullsInOneProcessDownloadOnce() throws Exception {
        Path cache = dir.resolve("cache");
        List<PullPhase> secondPhases = new CopyOnWriteArrayList<>();
        try (WeightRegistry first = WeightRegistry.open(s3.settings(proxy.uri(), cache));
             WeightRegistry second = WeightRegistry.open(s3.settings(proxy.uri(), cache))) {
            CompletableFuture<Path> a = CompletableFuture.supplyAsync(() -> pull(first, p -> {}));
            CompletableFuture<Path> b = CompletableFuture.supplyAsync(
                    () -> pull(second, p -> secondPhases.add(p.weights().get(0).phase())));
            assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(b.get(30, TimeUnit.SECONDS));
        }
        assertThat(proxy.getBodyBytes()).as("downloaded once").isEqualTo(total);
        assertThat(CompletionRecord.read(cache.resolve("W"))).isPresent();
    }

    @Test
    void aSecondProcessWaitsOnTheFileLockThenSeesTheCompleteFolder() throws Exception {
        Path cache = dir.resolve("cache");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Daws.disableEc2Metadata=true",
                "-Djdk.httpclient.allowRestrictedHeaders=host",
                PullMain.class.getName(), proxy.uri().toString(), cache.toString(), "W")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("phase DOWNLOADING")) {
                // wait until the child holds the lock
            }
            assertThat(line).as("child output").isEqualTo("phase DOWNLOADING");
            List<PullPhase> phases = new CopyOnWriteArrayList<>();
            Path folder;
            try (WeightRegistry registry = WeightRegistry.open(s3.settings(proxy.uri(), cache))) {
                folder = registry.pull("W", p -> phases.add(p.weights().get(0).phase()));
            }
            assertThat(phases).contains(PullPhase.WAITING_FOR_LOCK);
            String rest = out.lines().reduce("", (x, y) -> x + y + "\n");
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(rest).isZero();
            assertThat(rest).contains("done " + folder);
        } finally {
            child.destroyForcibly();
        }
        assertThat(proxy.getBodyBytes()).as("downloaded once, by the child").isEqualTo(total);
    }

    private static Path pull(WeightRegistry registry, PullProgressListener listener) {
        try {
            return registry.pull("W", listener);
        } catch (RegistryException e) {
            throw new IllegalStateException(e);
        }
    }
}
