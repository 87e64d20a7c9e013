package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.weights.WeightRow;
import dev.reactorstudio.studio.weights.WeightState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Weights view against a real S3 API in-process (S3Proxy on 127.0.0.1): the registry is set in
 * the view's fields, Download shows progress and ends "cached" with byte-identical files; Cancel
 * keeps the partial files and a second Download resumes to the same end.
 */
@ExtendWith(ApplicationExtension.class)
class WeightsDownloadTest {
    private static final long WAIT = 120;
    private static final String WEIGHT = "demo-weights";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.builder().withBlobStoreProvider("transient")
            .withCredentials("access", "secret").ignoreUnknownHeaders().build();

    private static Path published;

    private TestStudio test;
    private Studio studio;

    @BeforeAll
    static void makeWeight() throws Exception {
        // One large file so the transfer lasts long enough to watch (and to cancel), and a few small ones.
        published = Files.createTempDirectory("published-weight");
        Random random = new Random(7);
        byte[] big = new byte[160 << 20];
        random.nextBytes(big);
        Files.write(published.resolve("model.safetensors"), big);
        Files.createDirectories(published.resolve("tokenizer"));
        for (int i = 0; i < 3; i++) {
            byte[] small = new byte[4096 + i];
            random.nextBytes(small);
            Files.write(published.resolve("tokenizer/part-" + i + ".json"), small);
        }
    }

    /** S3Proxy's extension starts a fresh store before each test. */
    @BeforeEach
    void publishWeight() throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(S3.getUri()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))).build();
             Stream<Path> files = Files.walk(published)) {
            s3.createBucket(b -> b.bucket("registry"));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "models/" + WEIGHT + "/" + published.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket("registry").key(key), RequestBody.fromFile(file));
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio(Map.of("AWS_ACCESS_KEY_ID", "access", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_REGION", "us-east-1"));
        studio = test.open(stage);
        studio.projectActions().open(modelWithAWeight());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            try {
                test.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void downloadShowsProgressAndEndsCachedWithIdenticalFiles(FxRobot robot) throws Exception {
        WeightRow row = showWeightsAndPointAtTheRegistry(robot);
        assertThat(row.state().get()).isEqualTo(WeightState.MISSING);
        List<Double> seen = watchProgress(robot, row);

        long started = System.nanoTime();
        download(robot);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.CACHED);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "weights view: %d MB in %.2f s (%.0f MB/s), %d progress updates%n",
                (160 << 20) / 1_000_000, seconds, (160 << 20) / 1e6 / seconds, seen.size());

        assertThat(seen).as("progress seen while downloading").anyMatch(p -> p > 0 && p < 1);
        assertThat(row.detail().get()).doesNotContain("failed");
        assertIdenticalToPublished(test.cache.resolve(WEIGHT));
    }

    @Test
    void cancelKeepsPartialFilesAndDownloadResumesToCached(FxRobot robot) throws Exception {
        WeightRow row = showWeightsAndPointAtTheRegistry(robot);
        download(robot);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.bytes().get() > 0 && row.progress().get() < 1);
        robot.interact(() -> robot.lookup("#weights-cancel").queryButton().fire());
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.weights().tasks().isEmpty()
                && row.state().get() == WeightState.PARTIAL);
        try (Stream<Path> files = Files.walk(test.cache)) {
            assertThat(files.map(Path::toString)).as("resumable partial files kept").anyMatch(f -> f.endsWith(".part"));
        }

        // Resuming is the registry's (chunks already verified are kept; its ResumeTest checks that);
        // here the view must take the partial weight to "cached" again.
        download(robot);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.CACHED);
        assertIdenticalToPublished(test.cache.resolve(WEIGHT));
    }

    @Test
    void aWeightTheRegistryLacksFailsInPlainWordsAndNothingLooksCached(FxRobot robot) throws Exception {
        WeightRow row = showWeightsAndPointAtTheRegistry(robot);
        robot.interact(() -> robot.lookup("#registry-location").queryAs(TextField.class).setText("s3://registry/elsewhere"));
        download(robot);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.FAILED);
        System.out.println("weights view error: " + row.detail().get());
        assertThat(row.detail().get()).contains(WEIGHT).contains("s3://registry/elsewhere");
        assertThat(test.cache.resolve(WEIGHT).resolve("model.safetensors")).doesNotExist();
    }

    private WeightRow showWeightsAndPointAtTheRegistry(FxRobot robot) throws Exception {
        robot.interact(() -> studio.dockForTest().show("weights"));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.weights().rows().size() == 1);
        robot.interact(() -> {
            robot.lookup("#registry-location").queryAs(TextField.class).setText("s3://registry/models");
            robot.lookup("#registry-endpoint").queryAs(TextField.class).setText(S3.getUri().toString());
        });
        WeightRow row = studio.weights().rows().get(0);
        assertThat(row.name()).isEqualTo(WEIGHT);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.MISSING);
        return row;
    }

    private static List<Double> watchProgress(FxRobot robot, WeightRow row) {
        List<Double> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> row.progress().addListener((o, a, b) -> seen.add(b.doubleValue())));
        return seen;
    }

    private static void download(FxRobot robot) {
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<WeightRow> table = robot.lookup("#weights-table").queryAs(TableView.class);
            table.getSelectionModel().select(0);
            Button download = robot.lookup("#weights-download").queryButton();
            assertThat(download.isDisabled()).isFalse();
            download.fire();
        });
    }

    private static void assertIdenticalToPublished(Path cached) throws Exception {
        try (Stream<Path> files = Files.walk(published)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = cached.resolve(published.relativize(file).toString());
                assertThat(Files.mismatch(file, copy)).as(copy.toString()).isEqualTo(-1L);
            }
        }
    }

    /** hello-pattern with one registry weight in its manifest. */
    private static Path modelWithAWeight() throws Exception {
        Path folder = TestStudio.exampleCopy();
        Path manifest = folder.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"weights\"\\s*:\\s*\\[\\s*]",
                "\"weights\": [\"" + WEIGHT + "\"]"));
        assertThat(Files.readString(manifest)).contains(WEIGHT);
        return folder;
    }
}
