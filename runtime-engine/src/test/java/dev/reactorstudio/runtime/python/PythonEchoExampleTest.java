package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * examples/python-echo, unchanged, hosted as {@code reactor run} hosts it, with the test feeding its
 * inputs as a WebRTC peer would: the waiting card before a webcam, the webcam mirrored (then as it
 * is after {@code set_effect none}), input_stats/audio_stats of what it got, its tone on the audio
 * output, and the card again after the unpublish.
 */
class PythonEchoExampleTest {
    static final Path EXAMPLE = Path.of("..", "examples", "python-echo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] LEFT = {200, 60, 30};
    private static final int[] RIGHT = {30, 60, 200};

    /** 320x240: the left half one colour, the right half another, so mirroring shows. */
    private static byte[] halves() {
        byte[] rgb = new byte[320 * 240 * 3];
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int[] c = x < 160 ? LEFT : RIGHT;
                int i = (y * 320 + x) * 3;
                rgb[i] = (byte) c[0];
                rgb[i + 1] = (byte) c[1];
                rgb[i + 2] = (byte) c[2];
            }
        }
        return rgb;
    }

    private static int[] pixel(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return new int[] {f.rgb()[i] & 0xff, f.rgb()[i + 1] & 0xff, f.rgb()[i + 2] & 0xff};
    }

    @Test
    void echoesTheWebcamMirroredReportsWhatItSeesAndHearsAndSingsUntilTheWebcamGoes() throws Exception {
        try (HostedModel model = new HostedModel(EXAMPLE, PythonSupport.options())) {
            PlayedAudio played = PlayedAudio.collect(model.sessions());
            Session session = model.sessions().start();
            // No webcam yet: the dark waiting card at the manifest's size.
            await().atMost(Duration.ofSeconds(20)).until(() -> model.frames.size() >= 5);
            Frame card = model.newestFrame().orElseThrow();
            assertThat(card.width()).isEqualTo(640);
            assertThat(card.height()).isEqualTo(480);
            assertThat(pixel(card, 5, 5)).containsExactly(0x16, 0x1b, 0x22);

            session.inputs().claim("webcam", TrackKind.VIDEO, "viewer-1");
            session.inputs().claim("mic", TrackKind.AUDIO, "viewer-1");
            Thread feeder = new Thread(() -> feed(session), "test-feeder");
            feeder.setDaemon(true);
            feeder.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> model.messages.stream().anyMatch(m ->
                        "input_stats".equals(m.path("type").asText()) && m.path("frames").asLong() >= 20));
                await().atMost(Duration.ofSeconds(30)).until(() -> model.messages.stream().anyMatch(m ->
                        "audio_stats".equals(m.path("type").asText()) && m.path("rms").asDouble() > 0.05));
                ObjectNode stats = model.messages("input_stats").stream().reduce((a, b) -> b).orElseThrow();
                for (int c = 0; c < 3; c++) {
                    assertThat(stats.path("mean").get(c).asDouble()).isCloseTo((LEFT[c] + RIGHT[c]) / 2.0, within(0.1));
                }
                // Mirrored: the right half's colour is now on the left.
                Frame echoed = model.newestFrame().orElseThrow();
                assertThat(echoed.width()).isEqualTo(320);
                assertThat(pixel(echoed, 10, 10)).containsExactly(RIGHT);
                assertThat(pixel(echoed, 310, 10)).containsExactly(LEFT);

                model.sessions().command("set_effect", JSON.readTree("{\"effect\":\"none\"}")).get(10, TimeUnit.SECONDS);
                long changed = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).until(() -> model.newestFrame()
                        .filter(f -> f.releasedNanos() > changed && pixel(f, 10, 10)[0] == LEFT[0]).isPresent());
                // The tone it plays (0.2 of full scale: RMS ~0.14).
                assertThat(played.rms()).isBetween(0.05, 0.3);
            } finally {
                feeder.interrupt();
                feeder.join(5_000);
            }
            session.inputs().releaseAll("viewer-1");
            long released = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> model.newestFrame()
                    .filter(f -> f.releasedNanos() > released && f.width() == 640).isPresent());
            model.sessions().stop(EndReason.STOPPED);
            assertThat(session.ended().get(30, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.STOPPED);
        }
    }

    /** 30 fps of the two halves and 10 ms microphone chunks of a 440 Hz tone at half scale, until interrupted. */
    private static void feed(Session session) {
        byte[] picture = halves();
        long sample = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                session.inputs().offerVideo("webcam", "viewer-1", picture.clone(), 320, 240, System.nanoTime());
                for (int k = 0; k < 3; k++) {
                    short[] chunk = new short[480];
                    for (int i = 0; i < chunk.length; i++, sample++) {
                        chunk[i] = (short) (16000 * Math.sin(2 * Math.PI * 440 * sample / 48_000.0));
                    }
                    session.inputs().offerAudio("mic", "viewer-1", chunk, 48_000, 1, System.nanoTime());
                }
                Thread.sleep(33);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
