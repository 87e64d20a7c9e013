package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and audio of Python models through the bridge, with the child really started: frames a
 * client publishes reach {@code get_ctx().video_input(...)} with their pixels and capture times,
 * unpublishing is visible, microphone chunks arrive as 48 kHz int16, and {@code emit_audio} reaches
 * the session's audio sink. The transport is played by the test through {@link SessionInputs}, as the
 * WebRTC peers do.
 */
class PythonInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROBE = PythonSupport.MODELS.resolve("inputs");

    private static byte[] picture(int width, int height, int seed) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (seed + i * 7);
        }
        return rgb;
    }

    @Test
    void framesReachThePythonModelWithTheirPixelsAndTimesAndItsEchoIsTheSamePicture() throws Exception {
        try (HostedModel model = new HostedModel(PROBE, PythonSupport.options())) {
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("ready"));
            assertThat(model.messages("ready").get(0).path("same_object").asBoolean()).isTrue();
            assertThat(model.messages("bad_name").get(0).path("error").asText())
                    .contains("no video input named \"screen\"").contains("webcam (video), mic (audio)");
            assertThat(model.messages("bad_audio").get(0).path("errors")).extracting(JsonNode::asText).satisfiesExactly(
                    e -> assertThat(e).contains("must be np.int16 or float").contains("int32"),
                    e -> assertThat(e).contains("channels must be 1 or 2, got 3"),
                    e -> assertThat(e).contains("sample_rate must be an int from 8000 to 192000 Hz, got 4000"),
                    e -> assertThat(e).contains("shape (5, 2) have 2 channels, but channels=1"));

            SessionInputs inputs = session.inputs();
            inputs.claim("webcam", TrackKind.VIDEO, "viewer-1");
            await().until(() -> model.messages("live").stream().anyMatch(m -> m.path("live").asBoolean()));
            byte[][] sent = new byte[5][];
            long[] captured = new long[5];
            for (int k = 0; k < 5; k++) {
                // The third frame changes size, as a client's camera may.
                int width = k == 2 ? 32 : 64;
                int height = k == 2 ? 24 : 48;
                sent[k] = picture(width, height, 10 * k);
                captured[k] = System.nanoTime() - 3_000_000;
                inputs.offerVideo("webcam", "viewer-1", sent[k].clone(), width, height, captured[k]);
                int sequence = k;
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> model.messages("frame").stream().anyMatch(m -> m.path("sequence").asInt() == sequence));
            }
            List<ObjectNode> frames = model.messages("frame");
            assertThat(frames).hasSize(5);
            for (int k = 0; k < 5; k++) {
                ObjectNode f = frames.get(k);
                assertThat(f.path("sequence").asLong()).isEqualTo(k);
                assertThat(f.path("capture_ns").asLong()).as("capture time on the shared monotonic clock").isEqualTo(captured[k]);
                assertThat(f.path("seen_ns").asLong()).isGreaterThanOrEqualTo(f.path("received_ns").asLong())
                        .isGreaterThan(captured[k]);
                assertThat(f.path("dtype").asText()).isEqualTo("uint8");
                assertThat(f.path("writable").asBoolean()).isTrue();
                int width = k == 2 ? 32 : 64;
                int height = k == 2 ? 24 : 48;
                assertThat(JSON.convertValue(f.path("shape"), int[].class)).containsExactly(height, width, 3);
                assertThat(JSON.convertValue(f.path("pixel"), int[].class))
                        .containsExactly(sent[k][0] & 0xff, sent[k][1] & 0xff, sent[k][2] & 0xff);
                double[] mean = meanRgb(sent[k]);
                for (int c = 0; c < 3; c++) {
                    assertThat(f.path("mean").get(c).asDouble()).isCloseTo(mean[c], within(1e-6));
                }
            }
            // The model emits each frame as it got it: the pacer shows exactly the bytes the client sent.
            byte[] last = sent[4];
            await().atMost(Duration.ofSeconds(20)).until(() -> model.frames.stream()
                    .anyMatch(f -> java.util.Arrays.equals(f.rgb(), last)));

            // Unpublishing wakes the model's next() and is_live() says so.
            inputs.release("webcam", "viewer-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> model.messages("live").stream()
                    .anyMatch(m -> !m.path("live").asBoolean()));
            model.sessions().stop(EndReason.STOPPED);
            assertThat(session.ended().get(30, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.STOPPED);
        }
    }

    @Test
    void aSlowModelReadingLatestGetsTheNewestFrameNotABacklog() throws Exception {
        try (HostedModel model = new HostedModel(PROBE, PythonSupport.options())) {
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("ready"));
            model.sessions().command("read", JSON.readTree("{\"mode\":\"latest\"}")).get(10, TimeUnit.SECONDS);
            session.inputs().claim("webcam", TrackKind.VIDEO, "viewer-1");
            // 60 frames at ~100 fps while the model looks four times a second.
            for (int k = 0; k < 60; k++) {
                session.inputs().offerVideo("webcam", "viewer-1", picture(64, 48, k), 64, 48, System.nanoTime());
                Thread.sleep(10);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> model.messages("frame").stream()
                    .anyMatch(m -> m.path("sequence").asInt() == 59));
            List<ObjectNode> seen = model.messages("frame");
            assertThat(seen.size()).as("frames the slow model saw").isLessThan(30);
            assertThat(seen.get(seen.size() - 1).path("received").asLong()).isEqualTo(60);
            assertThat(seen).extracting(m -> m.path("sequence").asInt()).isSorted();
            model.sessions().stop(EndReason.STOPPED);
            session.ended().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void micChunksArriveAsInt16At48kHzAndEmitAudioReachesTheAudioSinkAsInt16AndFloat() throws Exception {
        try (HostedModel model = new HostedModel(PROBE, PythonSupport.options())) {
            PlayedAudio played = PlayedAudio.collect(model.sessions());
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("ready"));
            session.inputs().claim("mic", TrackKind.AUDIO, "viewer-1");
            short[] chunk = new short[480];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (short) (i % 2 == 0 ? 8192 : -8192);
            }
            long captured = System.nanoTime();
            session.inputs().offerAudio("mic", "viewer-1", chunk, 48_000, 1, captured);
            await().atMost(Duration.ofSeconds(20)).until(() -> model.hasMessage("mic"));
            ObjectNode mic = model.messages("mic").get(0);
            assertThat(mic.path("samples").asInt()).isEqualTo(480);
            assertThat(mic.path("channels").asInt()).isEqualTo(1);
            assertThat(mic.path("dtype").asText()).isEqualTo("int16");
            assertThat(mic.path("first").asInt()).isEqualTo(8192);
            assertThat(mic.path("rms").asDouble()).isCloseTo(0.25, within(1e-6));
            assertThat(mic.path("capture_ns").asLong()).isEqualTo(captured);
            // A 16 kHz client is resampled to 48 kHz before the model sees it.
            session.inputs().offerAudio("mic", "viewer-1", new short[160], 16_000, 1, System.nanoTime());
            await().atMost(Duration.ofSeconds(20)).until(() -> model.messages("mic").size() >= 2);
            assertThat(model.messages("mic").get(1).path("samples").asInt()).isBetween(470, 490);

            // The 440 Hz tone at half scale (RMS ~0.35) as the audio thread plays it.
            await().atMost(Duration.ofSeconds(20)).until(() -> played.rms() > 0.2);
            played.clear();
            model.sessions().command("audio", JSON.readTree("{\"kind\":\"float32\"}")).get(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            played.clear();
            await().atMost(Duration.ofSeconds(20)).until(() -> played.chunks() > 20);
            assertThat(played.rms()).as("float32 stereo tone, mixed to the output's mono").isBetween(0.2, 0.5);
            assertThat(model.messages).noneMatch(m -> "audio_refused".equals(m.path("type").asText()));
            model.sessions().stop(EndReason.STOPPED);
            session.ended().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutADeclaredAudioOutputEmitAudioRaisesInPythonNamingTheFix(@TempDir Path folder) throws Exception {
        Files.copy(PROBE.resolve("model_inputs.py"), folder.resolve("model_inputs.py"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(PROBE.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("tracks")).set("outputs", JSON.readTree("[{\"name\":\"main_video\",\"kind\":\"video\"}]"));
        JSON.writeValue(folder.resolve("manifest.json").toFile(), manifest);
        try (HostedModel model = new HostedModel(folder, PythonSupport.options())) {
            Session session = model.sessions().start();
            await().atMost(Duration.ofSeconds(20)).until(() -> model.hasMessage("audio_refused"));
            JsonNode refused = model.messages("audio_refused").get(0);
            assertThat(refused.path("error").asText()).contains("declares no audio output")
                    .contains("\"main_audio\"");
            // The session goes on: frames keep coming.
            int before = model.frames.size();
            await().until(() -> model.frames.size() > before + 5);
            model.sessions().stop(EndReason.STOPPED);
            assertThat(session.ended().get(30, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.STOPPED);
        }
    }

    @Test
    void anUnpublishAndAStopWakeAModelWaitingInALongNext() throws Exception {
        try (HostedModel model = new HostedModel(PROBE, PythonSupport.options())) {
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("ready"));
            session.inputs().claim("webcam", TrackKind.VIDEO, "viewer-1");
            model.sessions().command("read", JSON.readTree("{\"mode\":\"wait\"}")).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> model.hasMessage("waiting"));
            Thread.sleep(200);
            model.messages.clear();
            // The model waits up to 30 s in next(): the unpublish must wake it long before.
            session.inputs().release("webcam", "viewer-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> model.hasMessage("woke"));
            assertThat(model.messages("woke").get(0).path("frame").asBoolean()).isFalse();

            session.inputs().claim("webcam", TrackKind.VIDEO, "viewer-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> model.hasMessage("waiting"));
            Thread.sleep(200);
            long stop = System.nanoTime();
            model.sessions().stop(EndReason.STOPPED);
            assertThat(session.ended().get(30, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.STOPPED);
            assertThat(Duration.ofNanos(System.nanoTime() - stop)).as("stop while waiting 30 s in next()")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    private static double[] meanRgb(byte[] rgb) {
        double[] sum = new double[3];
        for (int i = 0; i < rgb.length; i++) {
            sum[i % 3] += rgb[i] & 0xff;
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= rgb.length / 3.0;
        }
        return sum;
    }
}
