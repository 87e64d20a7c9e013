package dev.reactorstudio.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.coordinator.StackUnderTest;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.TestViewer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile data-channel frames from a real libwebrtc peer connected through the coordinator as the
 * JS SDK connects (start_session, SDP offer, polled answer): text that is not JSON, JSON of the
 * wrong shape, unknown commands, wrong parameter types and out-of-range values, bad upload
 * references, binary frames, frames over the 64 KiB limit, a flood beyond the command queue. The
 * model ({@link RecordingModel}) records every call: none may break its declared schema, every
 * valid call sent outside the flood arrives, nothing binary, oversize or with a bad upload
 * arrives; refusals are answered with a {@code commandError}; oversize frames are counted; the
 * session stays healthy (frames flow, a valid command works). Runs in the private namespace
 * ({@code scripts/netns-run}); {@code bench/fuzz.sh datachannel N} runs longer.
 */
@Tag("webrtc")
class DataChannelFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(DataChannelFuzzTest.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int LIMIT = 64 * 1024;
    /** Frames sent between two checks that the model caught up: well under the command queue (32). */
    private static final int BATCH = 12;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HeadlessAudioDeviceModule clientAudio;
    private static PeerConnectionFactory clientFactory;

    @BeforeAll
    static void clientSide() throws Exception {
        BrowserDriver.requireTestNetwork();
        clientAudio = new HeadlessAudioDeviceModule();
        clientFactory = new PeerConnectionFactory(clientAudio);
    }

    @AfterAll
    static void disposeClientSide() {
        if (clientFactory != null) {
            clientFactory.dispose();
            clientAudio.dispose();
        }
    }

    private enum Kind { NOT_JSON, WRONG_SHAPE, UNKNOWN_COMMAND, BAD_ARGS, VALID_NOTE, VALID_OTHER, RUNTIME, BAD_UPLOAD, BINARY,
        OVERSIZE, DEEP }

    @Test
    void malformedFramesNeverReachTheModelAndTheSessionStaysHealthy() throws Exception {
        FuzzRun run = FuzzRun.configured(20261203L, 600);
        try (StackUnderTest stack = StackUnderTest.serving(RecordingModel.folder(), BrowserDriver.SERVER_ADDRESS, HostOptions.defaults());
             TestViewer viewer = new TestViewer(clientFactory)) {
            RecordingModel model = RecordingModel.latest();
            String api = "http://" + BrowserDriver.SERVER_ADDRESS + ":" + stack.services.coordinatorUrl().orElseThrow().getPort();
            connect(api, viewer);
            long started = System.nanoTime();

            // Each kind of refusal is answered with a commandError saying why (one at a time: replies are rate-limited).
            expectRefusal(viewer, () -> viewer.send("hello"), "not a Reactor message");
            expectRefusal(viewer, () -> viewer.send(command("set_level", "{\"level\": 999}")), "level");
            expectRefusal(viewer, () -> viewer.send(command("no_such_command", "{}")), "no_such_command");
            expectRefusal(viewer, () -> viewer.sendBytes(command("note", "{\"id\":\"b-probe\"}").getBytes(StandardCharsets.UTF_8),
                    true), "binary frames");
            expectRefusal(viewer, () -> viewer.send(padded(command("note", "{\"id\":\"o-probe\"}"), LIMIT + 1)),
                    "over the limit of " + LIMIT);
            oversizeSent = 1;

            Map<Kind, Integer> sent = new TreeMap<>();
            Set<String> validNotes = new LinkedHashSet<>();
            for (int i = 0; i < run.iterations(); i++) {
                Random random = run.caseRandom(i);
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                sent.merge(kind, 1, Integer::sum);
                switch (kind) {
                    case NOT_JSON -> sent(viewer, random.nextBoolean() ? FuzzJson.randomUnicode(random, random.nextInt(300))
                            : FuzzJson.broken(random, command("set_level", "{\"level\":1}")));
                    case WRONG_SHAPE -> sent(viewer, wrongShape(random));
                    case UNKNOWN_COMMAND -> sent(viewer, command(FuzzJson.key(random) + "_x", FuzzJson.text(FuzzJson.value(random, 2))));
                    case BAD_ARGS -> sent(viewer, command(List.of("set_level", "set_speed", "set_palette", "note", "work", "reset")
                            .get(random.nextInt(6)), FuzzJson.text(badArgs(random))));
                    case VALID_NOTE -> {
                        String id = "v-" + i;
                        validNotes.add(id);
                        sent(viewer, command("note", "{\"id\":\"" + id + "\",\"flag\":" + random.nextBoolean() + "}"));
                    }
                    case VALID_OTHER -> sent(viewer, switch (random.nextInt(3)) {
                        case 0 -> command("set_level", "{\"level\":" + random.nextInt(256) + "}");
                        case 1 -> command("set_speed", "{\"speed\":" + random.nextDouble() * 10 + "}");
                        default -> command("set_palette", "{\"palette\":\"" + List.copyOf(RecordingModel.PALETTES)
                                .get(random.nextInt(3)) + "\"}");
                    });
                    case RUNTIME -> sent(viewer, "{\"scope\":\"runtime\",\"data\":{\"type\":\"" + List.of("ping", "requestCapabilities",
                            "fileUploaded", "nope", "").get(random.nextInt(5)) + "\",\"data\":"
                            + FuzzJson.text(FuzzJson.value(random, 2)) + "}}");
                    case BAD_UPLOAD -> sent(viewer, "{\"scope\":\"application\",\"data\":{\"type\":\"note\",\"data\":{\"id\":\"u-" + i
                            + "\"},\"uploads\":" + FuzzJson.text(badUploads(random)) + "}}");
                    case BINARY -> {
                        byte[] bytes = random.nextBoolean() ? command("note", "{\"id\":\"b-" + i + "\"}").getBytes(StandardCharsets.UTF_8)
                                : new byte[1 + random.nextInt(4096)];
                        if (bytes[0] == 0) {
                            random.nextBytes(bytes);
                        }
                        viewer.sendBytes(bytes, true);
                    }
                    case OVERSIZE -> {
                        sent(viewer, padded(command("note", "{\"id\":\"o-" + i + "\"}"), LIMIT + 1 + random.nextInt(180 * 1024)));
                    }
                    default -> sent(viewer, "[".repeat(1_000 + random.nextInt(60_000)));
                }
                if (i % BATCH == BATCH - 1 || i == run.iterations() - 1) {
                    viewer.send("{\"scope\":\"runtime\",\"data\":{\"type\":\"ping\",\"data\":{}}}");
                    await().atMost(WAIT).until(() -> model.notes.containsAll(validNotes));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(model.violations).as("calls the runtime should have refused").isEmpty();
            assertThat(model.notes).as("every valid note arrived").containsAll(validNotes);
            assertThat(model.notes).as("binary, oversize and bad-upload frames never reach the model")
                    .noneMatch(id -> id.startsWith("b-") || id.startsWith("o-") || id.startsWith("u-"));
            int expectedOversize = oversizeSent;
            await().atMost(WAIT).until(() -> health(api).path("oversize_messages_dropped").asInt() == expectedOversize);

            // A flood of slow commands: the queue fills, the rest are refused with a reason; the model gets at most what fitted.
            // The fuzz's refusals may have used this second's reply budget (RefusalReplies): start the flood on a fresh one.
            Thread.sleep(1_100);
            long callsBefore = model.calls.get();
            int flood = 200;
            for (int i = 0; i < flood; i++) {
                viewer.send(command("work", "{\"ms\":20}"));
            }
            await().atMost(WAIT).until(() -> viewer.received.stream().anyMatch(m -> m.contains("commandError") && m.contains("already waiting")));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = model.calls.get();
                Thread.sleep(300);
                return model.calls.get() == now;
            });
            long floodCalls = model.calls.get() - callsBefore;
            assertThat(floodCalls).as("the queue bounded the flood").isPositive().isLessThan(flood);

            // Healthy afterwards: a valid command works, frames still flow, the servers answer.
            int framesBefore = viewer.frames.get();
            viewer.send(command("note", "{\"id\":\"after-fuzz\"}"));
            await().atMost(WAIT).until(() -> model.notes.contains("after-fuzz"));
            await().atMost(WAIT).until(() -> viewer.frames.get() > framesBefore + 10);
            assertThat(health(api).path("status").asText()).isEqualTo("healthy");
            assertThat(model.violations).isEmpty();
            long errors = viewer.received.stream().filter(m -> m.contains("\"commandError\"")).count();
            LOG.warn("datachannel fuzz: {} frames (seed {}) in {} s ({} frames/s): {} by kind; 0 invalid calls reached the model "
                            + "({} calls, {} valid notes all arrived); {} oversize dropped and counted; flood of {}: {} ran, the rest "
                            + "refused; {} commandError replies; session healthy after", run.iterations(), run.seed(),
                    Math.round(seconds), Math.round(run.iterations() / seconds), sent, model.calls.get(), validNotes.size(),
                    expectedOversize, flood, floodCalls, errors);
        }
    }

    /** As the JS SDK connects: start_session, the offer (POST), the answer (polled GET); then the channel opens. */
    private static void connect(String api, TestViewer viewer) throws Exception {
        HttpResponse<String> start = send("POST", api + "/start_session", "{}");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        String sdp = api + "/sessions/" + FuzzJson.JSON.readTree(start.body()).path("session_id").asText()
                + "/transport/webrtc/sdp_params";
        ObjectNode offer = JsonNodeFactory.instance.objectNode().put("sdp_offer", viewer.offer());
        assertThat(send("POST", sdp, offer.toString()).statusCode()).isEqualTo(202);
        String[] answer = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> poll = send("GET", sdp, null);
            if (poll.statusCode() == 200) {
                answer[0] = FuzzJson.JSON.readTree(poll.body()).path("sdp_answer").asText();
            }
            return answer[0] != null;
        });
        viewer.accept(answer[0]);
        await().atMost(WAIT).until(viewer::channelOpen);
        await().atMost(WAIT).until(() -> viewer.frames.get() > 5);
    }

    /** Frames over the limit sent so far: any kind may be one (a random value can hold several 20,000-character strings). */
    private int oversizeSent;

    private void sent(TestViewer viewer, String text) throws Exception {
        if (text.getBytes(StandardCharsets.UTF_8).length > LIMIT) {
            oversizeSent++;
        }
        viewer.send(text);
    }

    private interface Send {
        void run() throws Exception;
    }

    private static void expectRefusal(TestViewer viewer, Send send, String reason) throws Exception {
        int before = viewer.received.size();
        send.run();
        await().atMost(WAIT).until(() -> viewer.received.stream().skip(before)
                .anyMatch(m -> m.contains("\"commandError\"") && m.contains(reason)));
    }

    private static String command(String name, String argsJson) {
        return "{\"scope\":\"application\",\"data\":{\"type\":\"" + name + "\",\"data\":" + argsJson + "}}";
    }

    /** Valid JSON text padded with whitespace to {@code bytes}: only its size is wrong. */
    private static String padded(String json, int bytes) {
        return json + " ".repeat(Math.max(0, bytes - json.length()));
    }

    private static String wrongShape(Random random) {
        JsonNode any = FuzzJson.value(random, 3);
        return switch (random.nextInt(7)) {
            case 0 -> FuzzJson.text(any);
            case 1 -> "{\"scope\":" + FuzzJson.text(any) + ",\"data\":{\"type\":\"note\",\"data\":{\"id\":\"s-x\"}}}";
            case 2 -> "{\"scope\":\"application\",\"data\":" + FuzzJson.text(any) + "}";
            case 3 -> "{\"scope\":\"application\",\"data\":{\"type\":" + FuzzJson.text(any) + ",\"data\":{}}}";
            case 4 -> "{\"scope\":\"application\"}";
            case 5 -> "{\"scope\":\"application\",\"data\":{\"type\":\"set_level\",\"data\":" + FuzzJson.text(any) + "}}";
            default -> "{\"data\":{\"type\":\"set_level\",\"data\":{\"level\":3}}}";
        };
    }

    /** Arguments of the wrong type, out of range, missing, extra or null. */
    private static JsonNode badArgs(Random random) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        List<String> names = List.of("level", "speed", "palette", "id", "flag", "ms", "extra");
        for (int n = random.nextInt(3); n >= 0; n--) {
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> args.put(name, List.of(-1, 256, 11, 51, Integer.MAX_VALUE, Integer.MIN_VALUE).get(random.nextInt(6)));
                case 1 -> args.put(name, List.of(Double.NaN, 1e308, -1e-9, 10.000001, 255.5).get(random.nextInt(5)));
                case 2 -> args.put(name, List.of("plaid", "", "0", "NaN", "1e999", "WARM").get(random.nextInt(6)));
                default -> args.set(name, FuzzJson.value(random, 2));
            }
        }
        return random.nextInt(10) == 0 ? FuzzJson.value(random, 2) : args;
    }

    private static JsonNode badUploads(Random random) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("upload_id", List.of("", "nope", "../../etc/passwd", "x".repeat(300)).get(random.nextInt(4)));
        ref.put("name", "a.png").put("mime_type", "image/png").put("size", 12);
        return JsonNodeFactory.instance.objectNode().set(random.nextBoolean() ? "id" : "flag", ref);
    }

    private static JsonNode health(String api) throws Exception {
        return FuzzJson.JSON.readTree(send("GET", api + "/health", null).body());
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
