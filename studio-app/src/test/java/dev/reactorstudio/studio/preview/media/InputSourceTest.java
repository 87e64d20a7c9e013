package dev.reactorstudio.studio.preview.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources that cannot feed say why, in words, before anything opens; webcams are found as V4L2 lists them. */
class InputSourceTest {
    @TempDir
    Path dir;

    @Test
    void listsCaptureNodesOnlyWithTheirNamesInNumericOrder() throws Exception {
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Path sys = Files.createDirectories(dir.resolve("sys"));
        for (String node : new String[] {"video10", "video2", "video3", "audio0"}) {
            Files.createFile(dev.resolve(node));
        }
        Files.createDirectories(sys.resolve("video2"));
        Files.writeString(sys.resolve("video2/name"), "HD Webcam: HD Webcam\n");
        Files.writeString(sys.resolve("video2/index"), "0\n");
        Files.createDirectories(sys.resolve("video3"));
        Files.writeString(sys.resolve("video3/index"), "1\n"); // the same camera's metadata node
        assertThat(new WebcamDevices(dev, sys).list()).containsExactly(
                new WebcamDevices.Device(dev.resolve("video2").toString(), "HD Webcam: HD Webcam"),
                new WebcamDevices.Device(dev.resolve("video10").toString(), ""));
        assertThat(new WebcamDevices(dir.resolve("no-dev"), sys).list()).isEmpty();
    }

    @Test
    void aSourceThatCannotFeedSaysWhyAndWhatToDo() throws Exception {
        assertThat(InputSource.webcam(null).problem()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("No webcam found").contains("/dev/video*").contains("Video file or an Image"));
        assertThat(InputSource.webcam(dir.resolve("video7").toString()).problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("is gone (unplugged?)"));
        assertThat(InputSource.file(InputSource.Kind.IMAGE, dir.resolve("missing.png")).problem())
                .hasValue("No such file: " + dir.resolve("missing.png"));
        assertThat(new InputSource(InputSource.Kind.AUDIO_FILE, null).problem()).hasValue("Choose a file (Audio file)");
        assertThat(InputSource.NONE.problem()).isEmpty();
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertThat(InputSource.file(InputSource.Kind.IMAGE, text).problem()).isEmpty();
        assertThatThrownBy(() -> MediaPump.open(InputSource.file(InputSource.Kind.IMAGE, text), new FeedTarget.Clock(() -> true)))
                .isInstanceOf(SourceException.class).hasMessage("notes.png is not an image Java can read (PNG, JPEG, GIF or BMP)");
        assertThatThrownBy(() -> MediaPump.open(InputSource.file(InputSource.Kind.AUDIO_FILE, text), new FeedTarget.Clock(() -> true)))
                .isInstanceOf(SourceException.class).hasMessage("notes.png has no sound — choose an audio file (WAV, FLAC, MP3, Ogg…)");
    }

    @Test
    void ffmpegErrorCodesReadAsWhatToDo() {
        assertThat(Grabbers.explain(new FrameGrabber.Exception("avformat_open_input() error -16: Could not open input \"/dev/video0\"")))
                .isEqualTo("the device is busy — another program is using it");
        assertThat(Grabbers.explain(new FrameGrabber.Exception("avformat_open_input() error -13: Could not open input")))
                .contains("\"video\" group");
        assertThat(Grabbers.explain(new FrameGrabber.Exception("something else"))).isEqualTo("something else");
    }

    @Test
    void theMeterScaleIsDecibelsFromMinusSixty() {
        assertThat(AudioLevel.meterPosition(0)).isZero();
        assertThat(AudioLevel.meterPosition(1)).isEqualTo(1.0);
        assertThat(AudioLevel.meterPosition(0.001)).isZero(); // -60 dBFS
        assertThat(AudioLevel.meterPosition(0.1)).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9)); // -20 dBFS
    }
}
