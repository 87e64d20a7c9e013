package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.preview.MessageEntry;
import dev.reactorstudio.studio.services.LogEntry;
import dev.reactorstudio.studio.services.ServiceEndpoint;
import dev.reactorstudio.studio.services.ServiceState;
import dev.reactorstudio.studio.services.StudioServices;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The author's loop on the bundled example: Run, watch, command, capture, Stop. Waits are for
 * things to happen (generous limits on a loaded 2-core machine), never assertions on timing.
 */
@ExtendWith(ApplicationExtension.class)
class RunAndPreviewTest {
    private static final long WAIT = 60;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestStudio test;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        // Room for the Services rows under the editor (the window is 1280x800 here).
        test.prefs.putDouble("dock.bottom", 0.3);
        studio = test.open(stage);
        studio.projectActions().open(TestStudio.example());
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    @Test
    void runStartsRuntimeCoordinatorAndMediaWhosePortsAnswerAndStopFreesAllThree(FxRobot robot) throws Exception {
        robot.interact(() -> studio.dockForTest().show("services"));
        robot.clickOn("#services-run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        StudioServices services = studio.services();
        for (ServiceEndpoint endpoint : services.endpoints()) {
            assertThat(endpoint.state().get()).as(endpoint.id()).isEqualTo(ServiceState.UP);
            assertThat(robot.lookup("#service-state-" + endpoint.id()).queryLabeled().getText()).as(endpoint.id()).isEqualTo("up");
            assertThat(endpoint.boundPort().get()).as(endpoint.id()).isPositive();
            assertThat(robot.lookup("#url-" + endpoint.id()).queryAs(TextField.class).getText()).isEqualTo(endpoint.url().get());
        }
        int runtimePort = services.runtime().boundPort().get();
        int coordinatorPort = services.coordinator().boundPort().get();
        int mediaPort = services.media().boundPort().get();
        assertThat(Set.of(runtimePort, coordinatorPort, mediaPort)).hasSize(3);
        assertThat(services.runtime().url().get()).isEqualTo("http://127.0.0.1:" + runtimePort);
        assertThat(services.coordinator().url().get()).isEqualTo("http://127.0.0.1:" + coordinatorPort);
        assertThat(services.media().url().get()).isEqualTo("ws://127.0.0.1:" + mediaPort);

        // Each answers on its port: the runtime's and the coordinator's health, LiveKit's token check.
        assertThat(get("http://127.0.0.1:" + runtimePort + "/health").statusCode()).isEqualTo(200);
        HttpResponse<String> coordinatorHealth = get("http://127.0.0.1:" + coordinatorPort + "/health");
        assertThat(coordinatorHealth.statusCode()).isEqualTo(200);
        assertThat(coordinatorHealth.body()).contains("\"status\":\"healthy\"").contains(":" + runtimePort);
        HttpResponse<String> validate = get("http://127.0.0.1:" + mediaPort + "/rtc/validate");
        assertThat(validate.statusCode()).as(validate.body()).isEqualTo(401);

        // "Open viewer in browser" opens the coordinator's page, which is the built-in viewer.
        clickRowButton(robot, "#service-open-coordinator");
        assertThat(test.opened).containsExactly("http://127.0.0.1:" + coordinatorPort + "/");
        HttpResponse<String> viewer = get(test.opened.get(0));
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.headers().firstValue("content-type").orElse("")).startsWith("text/html");

        // Each row's Logs shows that service's lines only.
        @SuppressWarnings("unchecked")
        ListView<LogEntry> console = robot.lookup("#service-log").queryAs(ListView.class);
        clickRowButton(robot, "#service-logs-coordinator");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> lines(console).stream()
                .anyMatch(l -> l.message().startsWith("Coordinator on http://127.0.0.1:" + coordinatorPort)));
        assertThat(lines(console)).allMatch(l -> l.logger().startsWith("dev.reactorstudio.runtime.coordinator."));
        clickRowButton(robot, "#service-logs-media");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> lines(console).stream()
                .anyMatch(l -> l.message().startsWith("Rejected a /rtc join")));
        assertThat(lines(console)).allMatch(l -> l.logger().startsWith("dev.reactorstudio.runtime.livekit.")
                || l.logger().startsWith("dev.reactorstudio.runtime.media.") || l.logger().startsWith("dev.onvoid.webrtc"));
        clickRowButton(robot, "#service-logs-runtime");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> !lines(console).isEmpty());
        assertThat(lines(console)).noneMatch(l -> l.logger().startsWith("dev.reactorstudio.runtime.coordinator.")
                || l.logger().startsWith("dev.reactorstudio.runtime.livekit."));

        robot.clickOn("#services-stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> services.state().get() == ServiceState.STOPPED);
        for (ServiceEndpoint endpoint : services.endpoints()) {
            assertThat(endpoint.state().get()).as(endpoint.id()).isEqualTo(ServiceState.STOPPED);
            assertThat(endpoint.url().get()).as(endpoint.id()).isEmpty();
        }
        for (int port : new int[] {runtimePort, coordinatorPort, mediaPort}) {
            try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void runPreviewCommandSnapshotRecordAndStopFreesThePorts(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        assertThat(robot.lookup("#service-state-runtime").queryLabeled().getText()).isEqualTo("up");
        int port = studio.services().endpoints().get(0).boundPort().get();
        assertThat(port).isPositive();
        assertThat(studio.services().endpoints().get(0).url().get()).isEqualTo("http://127.0.0.1:" + port);

        // Live frames: the preview image exists and its pixels change.
        robot.interact(() -> studio.dockForTest().show("preview"));
        ImageView view = robot.lookup("#preview-image").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> view.getImage() != null);
        int[] first = sample(robot, view.getImage());
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> !java.util.Arrays.equals(first, sample(robot, view.getImage())));
        assertThat(view.getImage().getWidth()).isEqualTo(640);
        // The rate chart says which line is which: a legend naming both series, shown inside the chart.
        javafx.scene.chart.LineChart<?, ?> chart = robot.lookup("#rate-chart").queryAs(javafx.scene.chart.LineChart.class);
        List<javafx.scene.control.Label> legend = robot.from(chart).lookup(".chart-legend-item").queryAllAs(javafx.scene.control.Label.class)
                .stream().toList();
        assertThat(legend).extracting(javafx.scene.control.Label::getText).containsExactly("preview fps", "emit /s");
        for (javafx.scene.control.Label item : legend) {
            assertThat(item.isVisible() && item.getWidth() > 0).as(item.getText() + " laid out").isTrue();
            assertThat(chart.localToScene(chart.getBoundsInLocal()).contains(item.localToScene(item.getBoundsInLocal())))
                    .as(item.getText() + " inside the chart").isTrue();
        }

        // A command from the generated panel reaches the model, whose message shows in the log.
        @SuppressWarnings("unchecked")
        ComboBox<String> palette = robot.lookup("#cmd-set_palette-palette").queryAs(ComboBox.class);
        robot.interact(() -> palette.setValue("cool"));
        robot.clickOn("#cmd-set_palette-send");
        @SuppressWarnings("unchecked")
        ListView<MessageEntry> log = robot.lookup("#message-log").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(m -> m.type().equals("state") && m.compact().contains("\"palette\":\"cool\"")));

        // Snapshot: a PNG of the frame's full size.
        robot.clickOn("#preview-snapshot");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> isFile(studio.preview().lastCapture().get(), ".png"));
        BufferedImage png = ImageIO.read(studio.preview().lastCapture().get().toFile());
        assertThat(png.getWidth()).isEqualTo(640);
        assertThat(png.getHeight()).isEqualTo(480);

        // Record: an MP4 that FFmpeg reads back at the frame size.
        robot.clickOn("#preview-record");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().recording().get());
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        robot.clickOn("#preview-record");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> isFile(studio.preview().lastCapture().get(), ".mp4"));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(studio.preview().lastCapture().get().toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(640);
            assertThat(grabber.getImageHeight()).isEqualTo(480);
            assertThat(grabber.grabImage()).isNotNull();
            grabber.stop();
        }

        // Stop frees the port.
        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.STOPPED);
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    /** Scrolls the Services rows until the button shows (three rows may not fit the dock), then clicks it. */
    private static void clickRowButton(FxRobot robot, String query) {
        ScrollPane rows = robot.lookup("#services-rows").queryAs(ScrollPane.class);
        Node button = robot.lookup(query).query();
        robot.interact(() -> {
            Node content = rows.getContent();
            double y = content.sceneToLocal(button.localToScene(button.getBoundsInLocal())).getMinY();
            double hidden = content.getBoundsInLocal().getHeight() - rows.getViewportBounds().getHeight();
            rows.setVvalue(hidden <= 0 ? 0 : Math.max(0, Math.min(1, y / hidden)));
        });
        robot.clickOn(button);
    }

    /** The console's lines, copied on the FX thread (where they change). */
    private static List<LogEntry> lines(ListView<LogEntry> console) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(console.getItems())).get(WAIT, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isFile(Path path, String extension) {
        return path != null && path.toString().endsWith(extension) && Files.isRegularFile(path);
    }

    /** A few pixels across the image, read on the FX thread. */
    private static int[] sample(FxRobot robot, Image image) {
        int[] out = new int[8];
        robot.interact(() -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = image.getPixelReader().getArgb((int) (image.getWidth() * (i + 1) / 10), (int) (image.getHeight() * (i + 1) / 10));
            }
        });
        return out;
    }
}
