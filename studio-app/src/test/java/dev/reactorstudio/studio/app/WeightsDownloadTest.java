package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.runtime.registry.CacheLayout;
import dev.reactorstudio.studio.services.ServiceState;
import dev.reactorstudio.studio.services.ServicesListener;
import dev.reactorstudio.studio.weights.WeightRow;
import dev.reactorstudio.studio.weights.WeightState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
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
 * The Weights view over the engine's registry: a model whose manifest lists weight {@code LongLive},
 * an in-process S3 (S3Proxy) holding it behind a relay paced to 4 MiB/s so progress is visible, the
 * registry typed into the view's settings, then Download — and Cancel/Resume. The cache is a temp
 * folder (REACTOR_CACHE_DIR in the studio's environment).
 */
@ExtendWith(ApplicationExtension.class)
class WeightsDownloadTest {
    private static final long WAIT = 60;
    private static final String WEIGHT = "LongLive";
    private static final long PACE = 4L << 20;
    private static final long BIG = 8L << 20;
    /** A crawl: the rest of the weight would take minutes, far past WAIT, so only a cancel ends it in time. */
    private static final long CRAWL = 64L << 10;

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.builder()
            .withBlobStoreProvider("transient")
            .withCredentials("access", "secret")
            .ignoreUnknownHeaders()
            .build();

    private TestStudio test;
    private Studio studio;
    private Path source;
    private String bucket;
    private ThrottledRelay relay;
    private long pace = PACE;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "access", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_REGION", "us-east-1", "REACTOR_CACHE_DIR", test.cache.toString());
        // Two connections and 1 MiB chunks: the 8 MiB file lands in eight resumable pieces.
        studio = test.open(stage, env, settings -> settings.withConnections(2).withChunkSize(1 << 20)
                .withRetries(3, Duration.ofSeconds(10)));
    }

    /** The weight in S3 (behind the paced relay) and a model listing it, opened in the studio. S3Proxy starts after @Start. */
    private void modelWithWeightInTheRegistry(FxRobot robot) throws Exception {
        source = Files.createTempDirectory("weights-source");
        Files.writeString(source.resolve("config.json"), "{\"layers\": 24, \"hidden\": 1024}\n");
        write(source.resolve("tokenizer/vocab.txt"), 200_000, 7);
        write(source.resolve("model.bin"), BIG, 42);
        bucket = "weights-" + UUID.randomUUID().toString().substring(0, 8);
        upload();
        relay = new ThrottledRelay(S3.getUri(), pace);
        Path model = Files.createTempDirectory("weights-model");
        Files.writeString(model.resolve("manifest.json"), """
                {"reactor-runtime": "0.1.0", "class": "model_big:BigModel", "model_name": "big",
                 "model_version": "1.0.0", "weights": ["LongLive"]}
                """);
        robot.interact(() -> studio.projectActions().open(model));
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        test.closeOnFxThread(robot);
        if (relay != null) {
            relay.close();
        }
        if (source != null) {
            TestStudio.deleteTree(source);
        }
    }

    @Test
    void downloadShowsGrowingProgressAndEndsCachedWithIdenticalFiles(FxRobot robot) throws Exception {
        WeightRow row = showWeightsAndTypeRegistry(robot);
        assertThat(row.state().get()).isEqualTo(WeightState.MISSING);
        Watch watch = watch(robot, row);

        robot.clickOn("#weights-download");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.CACHED);

        assertThat(watch.progress).as("progress values seen").anyMatch(p -> p > 0 && p < 1);
        assertThat(watch.overall).as("overall progress seen").anyMatch(p -> p > 0 && p < 1);
        List<Long> bytes = watch.bytes.stream().distinct().toList();
        assertThat(bytes).as("bytes seen").hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(watch.details).anyMatch(d -> d.contains("/s") && d.contains(" of 3 files"));
        assertThat(watch.tasksShown).as("the download showed in the task view").isPositive();
        assertCachedAndIdentical();
        System.out.println("Weights download: " + totalSize() + " bytes through a " + (PACE >> 20) + " MiB/s relay; "
                + watch.progress.stream().filter(p -> p > 0 && p < 1).count() + " intermediate progress values; last detail: "
                + watch.details.stream().filter(d -> d.contains("/s · ")).reduce((a, b) -> b).orElse("?"));
    }

    @Test
    void cancelKeepsPartialFilesAndResumeEndsCached(FxRobot robot) throws Exception {
        WeightRow row = showWeightsAndTypeRegistry(robot);
        robot.clickOn("#weights-download");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.progress().get() > 0.3);
        // At 4 MiB/s the rest took ~1.4 s: a click slower than that on a loaded machine found the
        // weight cached. At a crawl the Cancel lands mid-download however slow the click.
        relay.pace(CRAWL);
        robot.clickOn("#weights-cancel");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.PARTIAL);
        relay.pace(PACE);
        Path folder = test.cache.resolve(WEIGHT);
        assertThat(folder.resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(Path::toString)).anyMatch(p -> p.endsWith("model.bin" + CacheLayout.PART_SUFFIX));
        }
        assertThat(robot.lookup("#weights-download").queryAs(Button.class).getText()).isEqualTo("Resume");

        long before = relay.relayed();
        robot.clickOn("#weights-download");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.CACHED);
        long again = relay.relayed() - before;
        assertThat(again).as("bytes fetched by the resume").isLessThan(totalSize());
        assertCachedAndIdentical();
        System.out.println("Weights resume: fetched " + again + " of " + totalSize() + " bytes after the cancel");
    }

    @Test
    void stopDuringARunsWeightPullCancelsThePullInsteadOfWaitingForIt(FxRobot robot) throws Exception {
        pace = 1L << 20; // ~8 s for the whole weight, slowed to a crawl before the Stop
        showWeightsAndTypeRegistry(robot);
        Path partial = test.cache.resolve(WEIGHT).resolve("model.bin" + CacheLayout.PART_SUFFIX);
        List<String> failures = new CopyOnWriteArrayList<>();
        robot.interact(() -> studio.services().addListener(new ServicesListener() {
            @Override
            public void failed(String message, List<CompileError> errors) {
                failures.add(message);
            }
        }));
        robot.clickOn("#services-run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> Files.exists(partial) && Files.size(partial) > 0);
        // At a crawl the pull outlasts WAIT: only a Stop that cancels it reaches STOPPED in time, and a
        // slow click on a loaded machine still lands inside the pull.
        relay.pace(CRAWL);
        robot.clickOn("#services-stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.STOPPED);
        // Waiting the pull out would have completed the weight; a cancelled pull keeps its partial file.
        assertThat(test.cache.resolve(WEIGHT).resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
        assertThat(partial).exists();
        assertThat(failures).as("a Stop is not a failure").isEmpty();
        System.out.println("Stop during a Run's pull: stopped after " + relay.relayed() + " of " + totalSize() + " bytes");
    }

    @Test
    void aRegistryThatDoesNotExistFailsTheRowInTheEnginesWords(FxRobot robot) throws Exception {
        modelWithWeightInTheRegistry(robot);
        robot.interact(() -> studio.dockForTest().show("weights"));
        robot.clickOn("#registry-location").write("s3://no-such-bucket/models");
        robot.clickOn("#registry-endpoint").write(relay.uri().toString());
        @SuppressWarnings("unchecked")
        TableView<WeightRow> table = robot.lookup("#weights-table").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(0));
        WeightRow row = table.getItems().get(0);
        robot.clickOn("#weights-download");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> row.state().get() == WeightState.FAILED);
        assertThat(row.detail().get()).contains("bucket \"no-such-bucket\" does not exist");
        assertThat(row.progress().get()).as("a failed row's bar is not full").isLessThan(1);
        assertThat(test.cache.resolve(WEIGHT).resolve(CacheLayout.COMPLETION_RECORD)).doesNotExist();
    }

    @Test
    void withoutARegistryDownloadIsOffAndTheMessagePointsAtTheSettingsFields(FxRobot robot) throws Exception {
        Path model = Files.createTempDirectory("weights-model");
        Files.writeString(model.resolve("manifest.json"), """
                {"reactor-runtime": "0.1.0", "class": "model_big:BigModel", "model_name": "big",
                 "model_version": "1.0.0", "weights": ["LongLive"]}
                """);
        robot.interact(() -> studio.projectActions().open(model));
        robot.interact(() -> studio.dockForTest().show("weights"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#weights-download").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#weights-pull").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#weights-cancel").queryButton().isDisabled()).as("nothing to cancel").isTrue();
        javafx.scene.control.Label message = robot.lookup("#weights-message").queryAs(javafx.scene.control.Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("Registry settings").doesNotContain("--registry").doesNotContain("REACTOR_REGISTRY");
        assertThat(robot.lookup("#registry-settings").queryAs(javafx.scene.control.TitledPane.class).isExpanded()).isTrue();

        robot.clickOn("#registry-location").write("s3://bucket/models");
        assertThat(robot.lookup("#weights-download").queryButton().isDisabled()).isFalse();
        assertThat(message.isVisible()).isFalse();
    }

    /** Puts the weight in the registry, opens the model and the Weights view, types the registry into its settings, and selects the weight's row. */
    private WeightRow showWeightsAndTypeRegistry(FxRobot robot) throws Exception {
        modelWithWeightInTheRegistry(robot);
        robot.interact(() -> studio.dockForTest().show("weights"));
        @SuppressWarnings("unchecked")
        TableView<WeightRow> table = robot.lookup("#weights-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(WeightRow::name).containsExactly(WEIGHT);
        robot.clickOn("#registry-location").write("s3://" + bucket + "/models");
        robot.clickOn("#registry-endpoint").write(relay.uri().toString());
        robot.interact(() -> table.getSelectionModel().select(0));
        return table.getItems().get(0);
    }

    /** What the row and the task view showed, recorded on the FX thread as it happened. */
    private static final class Watch {
        final List<Double> progress = new CopyOnWriteArrayList<>();
        final List<Long> bytes = new CopyOnWriteArrayList<>();
        final List<String> details = new CopyOnWriteArrayList<>();
        final List<Double> overall = new CopyOnWriteArrayList<>();
        volatile int tasksShown;
    }

    private Watch watch(FxRobot robot, WeightRow row) {
        Watch watch = new Watch();
        robot.interact(() -> {
            row.progress().addListener((o, a, b) -> watch.progress.add(b.doubleValue()));
            row.bytes().addListener((o, a, b) -> {
                if (row.state().get() == WeightState.DOWNLOADING) {
                    watch.bytes.add(b.longValue());
                }
            });
            row.detail().addListener((o, a, b) -> watch.details.add(b));
            studio.weights().overall().addListener((o, a, b) -> watch.overall.add(b.doubleValue()));
            studio.weights().tasks().addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) c ->
                    watch.tasksShown = Math.max(watch.tasksShown, c.getList().size()));
        });
        return watch;
    }

    private void assertCachedAndIdentical() throws IOException {
        Path folder = test.cache.resolve(WEIGHT);
        assertThat(folder.resolve(CacheLayout.COMPLETION_RECORD)).isRegularFile();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path cached = folder.resolve(source.relativize(file).toString());
                assertThat(Files.mismatch(file, cached)).as(cached.toString()).isEqualTo(-1L);
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(CacheLayout.PART_SUFFIX)
                    || p.endsWith(CacheLayout.STATE_SUFFIX));
        }
    }

    private long totalSize() throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private void upload() throws IOException {
        try (S3Client s3 = S3Client.builder().endpointOverride(S3.getUri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .forcePathStyle(true).build();
             Stream<Path> files = Files.walk(source)) {
            s3.createBucket(b -> b.bucket(bucket));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "models/" + WEIGHT + "/" + source.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
    }

    /** Deterministic bytes: the same seed gives the same file. */
    private static void write(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[(int) size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        Files.write(file, data);
    }
}
