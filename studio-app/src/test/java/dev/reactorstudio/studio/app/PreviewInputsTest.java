package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.InputClaimException;
import dev.reactorstudio.runtime.session.SessionInputs;
import dev.reactorstudio.studio.preview.LevelMeter;
import dev.reactorstudio.studio.preview.MessageEntry;
import dev.reactorstudio.studio.preview.media.InputSource;
import dev.reactorstudio.studio.preview.media.SpeakerOutput;
import dev.reactorstudio.studio.preview.media.WebcamDevices;
import dev.reactorstudio.studio.services.ServiceState;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Preview feeds examples/webcam-mirror's declared inputs and plays its audio: the model reports
 * (input_stats, audio_stats) what the studio's image, video file and WAV carried; the level meter
 * follows the model's tone muted or not; a missing webcam and a track another client holds are
 * said in words on the row. Waits are generous (a loaded 2-core machine); nothing is timed.
 */
@ExtendWith(ApplicationExtension.class)
class PreviewInputsTest {
    private static final long WAIT = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestStudio test;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        studio = test.open(stage);
        studio.projectActions().open(webcamMirror());
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    @Test
    void feedsImageVideoAndWavIntoWebcamMirrorAndMetersItsTone(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        robot.interact(() -> studio.dockForTest().show("preview"));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().connected().get());
        assertThat(robot.lookup("#inputs-strip").query().isVisible()).isTrue();
        assertThat(robot.lookup("#audio-bar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#audio-track").queryLabeled().getText()).contains("main_audio");

        // Webcam without a /dev/video device: the row says so and what to do, nothing is thrown.
        if (new WebcamDevices().list().isEmpty()) {
            choose(robot, "webcam", InputSource.Kind.WEBCAM);
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> status(robot, "webcam").startsWith("No webcam found"));
            assertThat(status(robot, "webcam")).contains("/dev/video").contains("Video file or an Image");
            assertThat(robot.lookup("#input-webcam-status").query().getStyleClass()).contains("input-error");
        }

        // An image, looped at 30 fps: the model sees its colour.
        Path png = dir.resolve("orange.png");
        ImageIO.write(solid(new Color(230, 120, 30), 320, 240), "png", png.toFile());
        choose(robot, "webcam", InputSource.Kind.IMAGE);
        typePath(robot, "webcam", png);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> status(robot, "webcam").startsWith("▶ orange.png · 320×240"));
        awaitMean(robot, new int[] {230, 120, 30});
        assertThat(studio.preview().feeds().sent("webcam")).isPositive();

        // The studio holds the track as publisher "studio": a second publisher gets the engine's first-publisher-wins error.
        SessionInputs inputs = onFx(() -> studio.preview().runningInputs().orElseThrow());
        assertThat(inputs.publisher("webcam")).isEqualTo("studio");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inputs.claim("webcam", TrackKind.VIDEO, "browser-peer"))
                .isInstanceOf(InputClaimException.class).hasMessageContaining("already published by another client (studio)")
                .hasMessageContaining("first publisher wins");

        // A video file (1 s at 10 fps, looped at its own rate): now the model sees the video's colour.
        Path mp4 = dir.resolve("teal.mp4");
        writeVideo(mp4, new Color(20, 160, 150));
        choose(robot, "webcam", InputSource.Kind.VIDEO_FILE);
        typePath(robot, "webcam", mp4);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> status(robot, "webcam").startsWith("▶ teal.mp4 · 320×240 · 10 fps · looped"));
        awaitMean(robot, new int[] {20, 160, 150});
        long sent = studio.preview().feeds().sent("webcam");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().feeds().sent("webcam") > sent + 15); // past the file's 10 frames: looped

        // A track another client publishes first: the studio's row says who holds it.
        inputs.claim("mic", TrackKind.AUDIO, "browser-peer");
        Path wav = dir.resolve("tone.wav");
        writeWav(wav);
        choose(robot, "mic", InputSource.Kind.AUDIO_FILE);
        typePath(robot, "mic", wav);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> status(robot, "mic").contains("already published by another client (browser-peer)"));
        inputs.release("mic", "browser-peer");

        // The WAV (44.1 kHz stereo, converted to 48 kHz by FFmpeg) reaches the model's mic.
        robot.interact(() -> robot.lookup("#input-mic-file").queryAs(TextField.class).fireEvent(new ActionEvent()));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> status(robot, "mic").startsWith("▶ tone.wav · stereo · 48 kHz"));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> {
            JsonNode stats = newest(robot, "audio_stats");
            return stats != null && stats.path("rms").asDouble() > 0.05;
        });

        // The model's tone moves the meter, muted or not; muted, nothing goes to the speaker.
        var meter = robot.lookup("#audio-level").query();
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> level(meter) > 0.4);
        robot.clickOn("#audio-mute");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().audio().muted());
        long forwarded = studio.preview().audio().forwarded();
        long chunks = studio.preview().audio().chunks();
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().audio().chunks() > chunks + 50);
        assertThat(studio.preview().audio().forwarded()).isEqualTo(forwarded);
        assertThat(level(meter)).isGreaterThan(0.4);
        assertThat(robot.lookup("#audio-mute").queryAs(ToggleButton.class).getText()).isEqualTo("Muted");
        robot.clickOn("#audio-mute");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().audio().forwarded() > forwarded + 50);
        assertThat(level(meter)).isGreaterThan(0.4);
        String note = robot.lookup("#audio-note").queryLabeled().getText();
        if (SpeakerOutput.probe() != null) {
            assertThat(note).contains("No audio output device").contains("level meter only");
        }

        // Stop: the feeds end with the session and free the inputs; no feed thread is left.
        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.STOPPED);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("studio-feed-")));
        Node strip = robot.lookup("#inputs-strip").query();
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> onFx(() -> !strip.isVisible()));
    }

    private static void choose(FxRobot robot, String track, InputSource.Kind kind) {
        @SuppressWarnings("unchecked")
        ComboBox<InputSource.Kind> source = robot.lookup("#input-" + track + "-source").queryAs(ComboBox.class);
        robot.interact(() -> source.setValue(kind));
    }

    private static void typePath(FxRobot robot, String track, Path file) {
        TextField field = robot.lookup("#input-" + track + "-file").queryAs(TextField.class);
        robot.interact(() -> {
            field.setText(file.toString());
            field.fireEvent(new ActionEvent());
        });
    }

    private static String status(FxRobot robot, String track) throws Exception {
        Label label = robot.lookup("#input-" + track + "-status").queryAs(Label.class);
        return onFx(label::getText);
    }

    private static double level(Node meter) throws Exception {
        return onFx(() -> ((LevelMeter) meter).level().get());
    }

    /** Waits until the model's newest input_stats mean is within 16 of {@code rgb} on every channel. */
    private static void awaitMean(FxRobot robot, int[] rgb) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> {
            JsonNode stats = newest(robot, "input_stats");
            if (stats == null) {
                return false;
            }
            JsonNode mean = stats.path("mean");
            for (int c = 0; c < 3; c++) {
                if (Math.abs(mean.path(c).asDouble(-100) - rgb[c]) > 16) {
                    return false;
                }
            }
            return true;
        });
    }

    private static JsonNode newest(FxRobot robot, String type) throws Exception {
        @SuppressWarnings("unchecked")
        ListView<MessageEntry> log = robot.lookup("#message-log").queryAs(ListView.class);
        List<MessageEntry> entries = onFx(() -> List.copyOf(log.getItems()));
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).type().equals(type)) {
                return JSON.readTree(entries.get(i).compact());
            }
        }
        return null;
    }

    private static BufferedImage solid(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void writeVideo(Path file, Color color) throws Exception {
        BufferedImage image = solid(color, 320, 240);
        byte[] rgb = new byte[320 * 240 * 3];
        for (int i = 0; i < 320 * 240; i++) {
            rgb[3 * i] = (byte) color.getRed();
            rgb[3 * i + 1] = (byte) color.getGreen();
            rgb[3 * i + 2] = (byte) color.getBlue();
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), image.getWidth(), image.getHeight(), 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(10);
            recorder.setVideoBitrate(1_000_000);
            recorder.start();
            for (int i = 0; i < 10; i++) {
                recorder.recordImage(320, 240, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, 320 * 3, avutil.AV_PIX_FMT_RGB24,
                        java.nio.ByteBuffer.wrap(rgb));
            }
            recorder.stop();
        }
    }

    /** One second of a 440 Hz tone at half scale (RMS 0.35), 44.1 kHz stereo 16-bit. */
    private static void writeWav(Path file) throws Exception {
        AudioFormat format = new AudioFormat(44_100, 16, 2, true, false);
        int frames = 44_100;
        byte[] bytes = new byte[frames * 4];
        for (int i = 0; i < frames; i++) {
            short s = (short) (Math.sin(2 * Math.PI * 440 * i / 44_100.0) * 16_384);
            for (int c = 0; c < 2; c++) {
                bytes[4 * i + 2 * c] = (byte) s;
                bytes[4 * i + 2 * c + 1] = (byte) (s >> 8);
            }
        }
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(WAIT, TimeUnit.SECONDS);
    }

    static Path webcamMirror() {
        Path fromModule = Path.of("../examples/webcam-mirror");
        return (Files.isDirectory(fromModule) ? fromModule : Path.of("examples/webcam-mirror")).toAbsolutePath().normalize();
    }
}
