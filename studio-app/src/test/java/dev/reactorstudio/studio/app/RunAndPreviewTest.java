package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.preview.MessageEntry;
import dev.reactorstudio.studio.services.ServiceEndpoint;
import dev.reactorstudio.studio.services.ServiceState;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
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

    private TestStudio test;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        studio = test.open(stage);
        studio.projectActions().open(TestStudio.example());
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
    void runPreviewCommandSnapshotRecordAndStopFreesThePorts(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        // All three services of `reactor run` are up, on the ports they report.
        List<Integer> ports = new ArrayList<>();
        for (ServiceEndpoint endpoint : studio.services().endpoints()) {
            assertThat(robot.lookup("#service-state-" + endpoint.id()).queryLabeled().getText()).as(endpoint.id()).isEqualTo("up");
            assertThat(endpoint.boundPort().get()).as(endpoint.id()).isPositive();
            ports.add(endpoint.boundPort().get());
        }
        assertThat(studio.services().endpoints()).extracting(ServiceEndpoint::id).containsExactly("runtime", "coordinator", "media");
        String runtimeUrl = studio.services().endpoints().get(0).url().get();
        String coordinatorUrl = studio.services().endpoints().get(1).url().get();
        assertThat(runtimeUrl).isEqualTo("http://127.0.0.1:" + ports.get(0));
        assertThat(coordinatorUrl).isEqualTo("http://127.0.0.1:" + ports.get(1));
        assertThat(studio.services().endpoints().get(2).url().get()).isEqualTo("ws://127.0.0.1:" + ports.get(2));
        assertThat(get(runtimeUrl + "/health")).contains("\"status\":\"healthy\"");
        assertThat(get(coordinatorUrl + "/health")).contains("\"status\":\"healthy\"");
        // "Open in browser" on the coordinator opens its viewer page; the media server has no page to open.
        robot.interact(() -> studio.dockForTest().show("services"));
        javafx.scene.control.Button open = robot.lookup("#open-coordinator").queryButton();
        assertThat(open.isDisabled()).isFalse();
        // fire(), not a click: the bottom dock may be scrolled out of the small headless screen.
        robot.interact(open::fire);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> test.opened.contains(coordinatorUrl + "/"));
        assertThat(get(coordinatorUrl + "/")).contains("Reactor viewer");
        assertThat(robot.lookup("#open-media").tryQuery()).isEmpty();

        // Live frames: the preview image exists and its pixels change.
        robot.interact(() -> studio.dockForTest().show("preview"));
        ImageView view = robot.lookup("#preview-image").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> view.getImage() != null);
        int[] first = sample(robot, view.getImage());
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> !java.util.Arrays.equals(first, sample(robot, view.getImage())));
        assertThat(view.getImage().getWidth()).isEqualTo(640);

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

        // Stop frees all three ports.
        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.STOPPED);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
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
