package dev.reactorstudio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.registry.CacheLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Exit codes and output of {@code reactor weights}. Credentials come the way the SDK's default
 * chain reads them from a JVM ({@code aws.accessKeyId} / {@code aws.secretAccessKey}).
 */
class WeightsCommandTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.builder().withBlobStoreProvider("transient")
            .withCredentials("access", "secret").ignoreUnknownHeaders().build();

    @TempDir
    Path dir;
    String[] registry;

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "access");
        System.setProperty("aws.secretAccessKey", "secret");
        URI endpoint = S3.getUri();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))).build()) {
            s3.createBucket(b -> b.bucket("cli-weights"));
            s3.putObject(b -> b.bucket("cli-weights").key("m/Tiny/value.txt"), RequestBody.fromString("200"));
        }
        registry = new String[] {"--registry", "s3://cli-weights/m", "--registry-endpoint", endpoint.toString(),
                "--cache-dir", dir.resolve("cache").toString()};
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/manifest.json"), """
                {"reactor-runtime":"0.1.0","class":"model_x:X","model_name":"x","model_version":"1.0.0","weights":["Tiny"]}
                """);
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReactorCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + registry.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(registry, 0, all, args.length, registry.length);
        return new Result(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void listPullVerifyExitCodesFollowTheCacheState() throws Exception {
        String model = dir.resolve("model").toString();
        Result missing = run("weights", "list", model);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).containsPattern("Tiny +missing +0 B +3 B");
        assertThat(run("weights", "verify", model).exitCode()).isEqualTo(1);

        Result pull = run("weights", "pull", model);
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("cached " + dir.resolve("cache/Tiny").toAbsolutePath());
        assertThat(pull.err()).contains("100%", "Tiny 3/3 B");

        assertThat(run("weights", "list", model).out()).containsPattern("Tiny +cached");
        assertThat(run("weights", "list", model).exitCode()).isZero();
        Result verify = run("weights", "verify", "Tiny");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("ok: Tiny — 1 files");

        Files.writeString(dir.resolve("cache/Tiny/value.txt"), "201");
        Result bad = run("weights", "verify", "Tiny");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("bad: Tiny: value.txt: MD5");
        assertThat(dir.resolve("cache/Tiny").resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
    }

    @Test
    void pullOfAnUnknownWeightExitsOneListingWhatIsThere() {
        Result result = run("weights", "pull", "Nope");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("\"Nope\" is not in the registry", "it holds: Tiny");
    }

    @Test
    void pushThenPullRoundTripsFromTheShell() throws Exception {
        Files.writeString(dir.resolve("mine.txt"), "hello");
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.move(dir.resolve("mine.txt"), folder.resolve("mine.txt"));
        assertThat(run("weights", "push", "Mine", folder.toString()).exitCode()).isZero();
        assertThat(run("weights", "push", "Mine", folder.toString()).exitCode()).isEqualTo(1);
        assertThat(run("weights", "pull", "Mine").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("cache/Mine/mine.txt"))).isEqualTo("hello");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("weights", "push", "OnlyName").exitCode()).isEqualTo(2);
    }
}
