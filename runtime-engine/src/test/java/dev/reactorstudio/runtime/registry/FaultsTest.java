package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures a user meets, each named with a message that says what to do, and none leaving a folder
 * that counts as cached. Faults come from {@link FaultProxy} in front of S3Proxy or from real
 * misconfiguration (wrong bucket, wrong secret, no credentials).
 */
class FaultsTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;
    S3Fixture s3;
    FaultProxy proxy;
    Path cache;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3Fixture(S3);
        proxy = new FaultProxy(s3.uri());
        cache = dir.resolve("cache");
        s3.put(S3Fixture.PREFIX + "/W/a.bin", TestData.bytes(3_000_000, 1));
        s3.put(S3Fixture.PREFIX + "/W/b.bin", TestData.bytes(50_000, 2));
        s3.put(S3Fixture.PREFIX + "/Other/c.bin", TestData.bytes(10, 3));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private RegistrySettings settings() {
        return s3.settings(proxy.uri(), cache).withRetries(2, Duration.ofSeconds(1));
    }

    private RegistryException pullFails(RegistrySettings settings, String weight) {
        try (WeightRegistry registry = WeightRegistry.open(settings)) {
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.pull(weight, PullProgressListener.NONE));
            assertThat(e).as("the pull should fail").isNotNull();
            assertThat(registry.cachedFolder(weight)).as("no folder looks complete after: " + e.getMessage()).isEmpty();
            return e;
        }
    }

    private RegistrySettings withEnv(RegistrySettings base, Map<String, String> changes) {
        Map<String, String> env = new HashMap<>(base.environment());
        changes.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        return RegistrySettings.fromEnvironment(env).withConnections(base.connections()).withChunkSize(base.chunkSize())
                .withRetries(base.maxAttempts(), base.readTimeout());
    }

    @Test
    void accessDeniedIsNamed() {
        proxy.inject(FaultProxy.Request::objectGet, 1000, new FaultProxy.Status(403, "AccessDenied"));
        RegistryException e = pullFails(settings(), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("access denied", "s3:GetObject");
    }

    @Test
    void wrongSecretIsNamedAsRejectedCredentials() {
        RegistryException e = pullFails(withEnv(settings(), Map.of("AWS_SECRET_ACCESS_KEY", "wrong")), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.CREDENTIALS_REJECTED);
        assertThat(e.getMessage()).contains("AWS_ACCESS_KEY_ID");
    }

    @Test
    void missingCredentialsAreNamed() {
        Map<String, String> none = new HashMap<>();
        none.put("AWS_ACCESS_KEY_ID", null);
        none.put("AWS_SECRET_ACCESS_KEY", null);
        none.put("AWS_PROFILE", "reactor-test-profile-that-does-not-exist");
        RegistryException e = pullFails(withEnv(settings(), none), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.NO_CREDENTIALS);
        assertThat(e.getMessage()).contains("no credentials found — set a profile or keys", "aws sso login");
    }

    @Test
    void aCustomEndpointWithoutCredentialsSaysSoWithoutAskingTheInstanceMetadataService() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".aws")),
                "this machine has ~/.aws: its profile would answer");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "the process has AWS keys");
        Map<String, String> none = new HashMap<>();
        none.put("AWS_ACCESS_KEY_ID", null);
        none.put("AWS_SECRET_ACCESS_KEY", null);
        none.put("AWS_PROFILE", null);
        RegistrySettings noCredentials = withEnv(settings(), none);
        assertThat(noCredentials.endpoint()).isPresent();
        // Environment, system properties and the profile file only: no instance metadata (nor its timeouts).
        assertThat(S3ClientFactory.credentials(noCredentials))
                .isNotInstanceOf(software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.class)
                .satisfies(p -> assertThat(p.toString()).doesNotContain("InstanceProfile"));
        RegistryException e = pullFails(noCredentials, "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.NO_CREDENTIALS);
        assertThat(e.getMessage()).startsWith("no credentials found — set a profile or keys");

        // Asked for, the instance metadata service is back in the chain.
        none.put(S3ClientFactory.IMDS_VARIABLE, "true");
        assertThat(S3ClientFactory.credentials(withEnv(settings(), none)))
                .isInstanceOf(software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.class);
    }

    @Test
    void missingBucketIsNamed() {
        RegistryException e = pullFails(settings().withLocation(RegistryLocation.parse("s3://no-such-bucket/models")), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.BUCKET_NOT_FOUND);
        assertThat(e.getMessage()).contains("\"no-such-bucket\" does not exist");
    }

    @Test
    void weightNotInTheRegistryListsWhatIsThere() {
        RegistryException e = pullFails(settings(), "LongLive");
        assertThat(e.problem()).isEqualTo(RegistryProblem.WEIGHT_NOT_FOUND);
        assertThat(e.getMessage()).contains("\"LongLive\" is not in the registry", "it holds: Other, W");
    }

    @Test
    void emptyPrefixIsNamed() {
        RegistryException e = pullFails(settings().withLocation(RegistryLocation.parse("s3://" + S3Fixture.BUCKET + "/typo")), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.PREFIX_EMPTY);
        assertThat(e.getMessage()).contains("holds no weights at all");
    }

    @Test
    void transientServerErrorsAreRetried() throws Exception {
        proxy.inject(FaultProxy.Request::objectGet, 1, new FaultProxy.Status(500, "InternalError"));
        proxy.inject(FaultProxy.Request::objectGet, 1, new FaultProxy.Status(503, "SlowDown"));
        try (WeightRegistry registry = WeightRegistry.open(settings().withRetries(3, Duration.ofSeconds(1)))) {
            registry.pull("W", PullProgressListener.NONE);
            assertThat(registry.cachedFolder("W")).isPresent();
        }
    }

    @Test
    void persistentServerErrorsFailAfterRetries() {
        proxy.inject(FaultProxy.Request::objectGet, 1000, new FaultProxy.Status(500, "InternalError"));
        RegistryException e = pullFails(settings(), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.NETWORK);
        assertThat(e.getMessage()).contains("HTTP 500", "after 2 attempts");
    }

    @Test
    void slowServerTimesOutWithAClearMessage() {
        proxy.inject(FaultProxy.Request::objectGet, 1000, new FaultProxy.Delay(2_500));
        RegistryException e = pullFails(settings(), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.NETWORK);
        assertThat(e.getMessage()).contains("timeout", "after 2 attempts");
    }

    @Test
    void bodyThatStallsMidwayIsResumedFromWhereItBroke() throws Exception {
        proxy.inject(r -> r.objectGet() && r.path().endsWith("a.bin"), 1, new FaultProxy.Stall(100_000, 1_500));
        try (WeightRegistry registry = WeightRegistry.open(settings())) {
            Path folder = registry.pull("W", PullProgressListener.NONE);
            assertThat(java.nio.file.Files.readAllBytes(folder.resolve("a.bin"))).isEqualTo(TestData.bytes(3_000_000, 1));
        }
    }

    @Test
    void objectReplacedDuringThePullIsDetected() {
        // Once bytes flow, overwrite a.bin: the next ranged GET carries If-Match with the old ETag and gets 412.
        proxy.onGetBytes(1, at -> s3.put(S3Fixture.PREFIX + "/W/a.bin", TestData.bytes(3_000_000, 99)));
        RegistryException e = pullFails(settings().withConnections(1), "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.CHANGED_DURING_PULL);
        assertThat(e.getMessage()).contains("pull again");
    }

    @Test
    void fullDiskIsNamedBeforeDownloading() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> DiskSpace.check(cache.resolve("LongLive"), 10_000_000_000L, 2_000_000_000L, settings()));
        assertThat(e.problem()).isEqualTo(RegistryProblem.DISK_FULL);
        assertThat(e.getMessage()).contains("needs 10.0 GB more but only 2.0 GB is free", "REACTOR_CACHE_DIR");
    }

    @Test
    void fullDiskWhileWritingIsNamed() {
        RegistryException e = ErrorTranslator.local(new IOException("No space left on device"), "writing a.bin", settings());
        assertThat(e.problem()).isEqualTo(RegistryProblem.DISK_FULL);
        assertThat(e.getMessage()).contains("partial files are kept");
    }

    @Test
    void noRegistryConfiguredIsNamed() {
        RegistrySettings none = RegistrySettings.fromEnvironment(Map.of("REACTOR_CACHE_DIR", cache.toString()));
        RegistryException e = pullFails(none, "W");
        assertThat(e.problem()).isEqualTo(RegistryProblem.NOT_CONFIGURED);
        assertThat(e.getMessage()).contains("--registry s3://bucket/prefix", "REACTOR_REGISTRY");
    }

    @Test
    void endpointFromTheEnvironmentIsUsedPathStyle() {
        RegistrySettings s = RegistrySettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000",
                "REACTOR_REGISTRY", "s3://b/p/"));
        assertThat(s.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s.location().orElseThrow().weightPrefix("X")).isEqualTo("p/X/");
    }
}
