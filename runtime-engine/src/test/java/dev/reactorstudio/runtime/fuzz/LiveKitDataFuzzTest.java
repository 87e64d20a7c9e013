package dev.reactorstudio.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.livekit.LiveKitCredentials;
import dev.reactorstudio.runtime.livekit.LiveKitServer;
import dev.reactorstudio.runtime.livekit.LiveKitTokens;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import livekit.LivekitModels.ChatMessage;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DataStream;
import livekit.LivekitModels.EncryptedPacket;
import livekit.LivekitModels.RpcRequest;
import livekit.LivekitModels.Transcription;
import livekit.LivekitModels.UserPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile data packets from a real libwebrtc peer that joined the media server as
 * {@code livekit-client} does ({@code /rtc/v1}, offer in the join request, {@code _reliable} and
 * {@code _lossy} channels): user packets whose payload is not JSON, JSON of the wrong shape,
 * unknown commands and invalid arguments; valid commands on the wrong topic or inside other
 * packet kinds (chat, RPC, streams, transcriptions, encrypted); bytes that are not a DataPacket
 * at all (random, truncated, corrupted, JSON text) on both channels; packets over the 64 KiB
 * limit; a flood beyond the command queue and a flood of invalid commands. The model
 * ({@link RecordingModel}) logs every call: it must receive exactly the valid commands sent, in
 * order; oversize and malformed packets are dropped and counted; refusals are answered with a
 * {@code commandError} on topic {@code runtime}, at a bounded rate; afterwards the session is
 * healthy, video still flows and the model still answers. Runs in the private namespace
 * ({@code scripts/netns-run}); {@code bench/fuzz.sh livekit N} runs longer.
 */
@Tag("webrtc")
class LiveKitDataFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveKitDataFuzzTest.class);
    private static final int LIMIT = Limits.DEFAULT_DATA_MESSAGE_BYTES;
    /** Packets sent between two checks that the model caught up: well under the command queue (32). */
    private static final int BATCH = 12;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LiveKitTokens TOKENS = new LiveKitTokens(LiveKitCredentials.DEV);
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

    private enum Kind { VALID_NOTE, VALID_OTHER, NOT_JSON, WRONG_SHAPE, UNKNOWN_COMMAND, BAD_ARGS, WRONG_TOPIC, OTHER_KIND,
        MALFORMED, TEXT_FRAME, OVERSIZE }

    /** What the fuzzer sent and what the server must have made of it. */
    private final List<String> expectedCalls = new ArrayList<>();
    private long oversizeSent;
    private long malformedOnReliable;
    private long malformedOnLossy;

    @Test
    void hostilePacketsNeverReachTheModelAndTheSessionStaysHealthy() throws Exception {
        FuzzRun run = FuzzRun.configured(20261203L, 600);
        Path folder = RecordingModel.folder();
        ModelHost host = new ModelHost(folder, HostOptions.defaults().withOrphanTimeout(Duration.ofSeconds(30)));
        MediaEngine media = new MediaEngine(MediaOptions.defaults());
        try (TemporaryFolder ignored = () -> deleteTree(folder); host; media) {
            host.load();
            SessionManager sessions = host.sessions().orElseThrow();
            RecordingModel model = RecordingModel.latest();
            LiveKitServer server = new LiveKitServer(TOKENS, host::sessions, media, SecurityOptions.defaults())
                    .start(BrowserDriver.SERVER_ADDRESS, 0);
            try (server; LiveKitPeer peer = new LiveKitPeer(clientFactory)) {
                peer.join(server.url(), TOKENS.mint("fuzzer", LiveKitTokens.ROOM, Duration.ofMinutes(30)));
                await().atMost(WAIT).until(peer::channelsOpen);
                await().atMost(WAIT).until(() -> peer.frames.get() > 5);
                long started = System.nanoTime();

                // A valid command arrives on either channel; each kind of refusal is answered with a reason.
                sendValid(peer, command("note", "{\"id\":\"lossy-probe\"}"), "note(lossy-probe)", true);
                sendValid(peer, command("note", "{\"id\":\"reliable-probe\"}"), "note(reliable-probe)", false);
                await().atMost(WAIT).until(() -> model.log.size() == expectedCalls.size());
                expectRefusal(peer, () -> peer.send(LiveKitPeer.userPacket("application", utf8("hello")), false), "must be JSON");
                expectRefusal(peer, () -> peer.send(LiveKitPeer.userPacket("application", utf8(command("no_such_command", "{}"))),
                        false), "no_such_command");
                expectRefusal(peer, () -> peer.send(LiveKitPeer.userPacket("application", utf8(command("set_level",
                        "{\"level\":999}"))), false), "level");
                assertThat(model.log).as("only the valid probes reached the model").containsExactlyElementsOf(expectedCalls);

                Map<Kind, Integer> sent = new TreeMap<>();
                for (int i = 0; i < run.iterations(); i++) {
                    Random random = run.caseRandom(i);
                    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                    sent.merge(kind, 1, Integer::sum);
                    try {
                        fuzzCase(peer, kind, i, random);
                    } catch (Exception | AssertionError e) {
                        throw new AssertionError(kind + " failed at " + run.replay(i), e);
                    }
                    if (i % BATCH == BATCH - 1 || i == run.iterations() - 1) {
                        sendValid(peer, command("note", "{\"id\":\"sync-" + i + "\"}"), "note(sync-" + i + ")", false);
                        int expected = expectedCalls.size();
                        await().atMost(WAIT).until(() -> model.log.size() >= expected);
                        assertThat(model.log).as("the model got exactly the valid commands, in order (up to %s)", run.replay(i))
                                .containsExactlyElementsOf(expectedCalls);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(model.violations).as("calls the runtime should have refused").isEmpty();
                long expectedOversize = oversizeSent;
                await().atMost(WAIT).until(() -> server.oversizeMessagesDropped() == expectedOversize);
                // Lossy packets may be lost on the way (no retransmission): each reliable one must be counted.
                await().atMost(WAIT).until(() -> server.malformedPacketsDropped() >= malformedOnReliable);
                assertThat(server.malformedPacketsDropped()).as("malformed packets dropped and counted")
                        .isBetween(malformedOnReliable, malformedOnReliable + malformedOnLossy);
                long replies = peer.received.stream().filter(m -> m.contains("\"commandError\"")).count();

                // A burst of invalid commands: each is refused, but the replies are rate-limited.
                Thread.sleep(1_100);
                int repliesBefore = peer.received.size();
                for (int i = 0; i < 200; i++) {
                    peer.send(LiveKitPeer.userPacket("application", utf8(command("set_level", "{\"level\":" + (300 + i) + "}"))),
                            false);
                }
                sendValid(peer, command("note", "{\"id\":\"after-burst\"}"), "note(after-burst)", false);
                await().atMost(WAIT).until(() -> model.log.size() == expectedCalls.size());
                Thread.sleep(500);
                long burstReplies = peer.received.stream().skip(repliesBefore).filter(m -> m.contains("\"commandError\"")).count();
                assertThat(burstReplies).as("refusals answered, at most %s a second", 20).isPositive().isLessThanOrEqualTo(45);
                assertThat(model.log).containsExactlyElementsOf(expectedCalls);

                // A flood of slow commands: the queue fills, the rest are refused naming the flag; the model runs what fitted.
                Thread.sleep(1_100);
                long callsBefore = model.calls.get();
                long rejectedBefore = sessions.stats().commandsRejected().getOrDefault("work", 0L);
                int flood = 200;
                for (int i = 0; i < flood; i++) {
                    peer.send(LiveKitPeer.userPacket("application", utf8(command("work", "{\"ms\":20}"))), false);
                }
                await().atMost(WAIT).until(() -> peer.received.stream().anyMatch(m -> m.startsWith("runtime ")
                        && m.contains("commandError") && m.contains("already waiting for the model")
                        && m.contains("--max-queued-commands")));
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    long now = model.calls.get();
                    Thread.sleep(300);
                    return model.calls.get() == now;
                });
                long floodCalls = model.calls.get() - callsBefore;
                assertThat(floodCalls).as("the queue bounded the flood").isPositive().isLessThan(flood);
                assertThat(sessions.stats().commandsRejected().getOrDefault("work", 0L)).as("refused ones are counted")
                        .isEqualTo(rejectedBefore + flood - floodCalls);

                // Healthy afterwards: the model still answers, video still flows, the session and the viewer are intact.
                int framesBefore = peer.frames.get();
                peer.send(LiveKitPeer.userPacket("application", utf8(command("echo", "{\"id\":\"still-here\"}"))), false);
                await().atMost(WAIT).until(() -> peer.received.stream().anyMatch(m -> m.startsWith("application ")
                        && m.contains("\"echo\"") && m.contains("still-here")));
                await().atMost(WAIT).until(() -> peer.frames.get() > framesBefore + 10);
                assertThat(host.health().orElseThrow().healthy()).isTrue();
                assertThat(server.viewerCount()).isEqualTo(1);
                assertThat(model.violations).isEmpty();
                LOG.warn("livekit fuzz: {} packets (seed {}) in {} s ({} packets/s): {} by kind; the model got exactly the {} "
                                + "valid commands, in order; {} oversize dropped and counted; {} malformed counted ({} sent on "
                                + "_reliable, {} on _lossy); {} commandError replies; burst of 200 invalid: {} replies; flood of "
                                + "{}: {} ran, the rest refused naming --max-queued-commands; session healthy after",
                        run.iterations(), run.seed(), Math.round(seconds), Math.round(run.iterations() / seconds), sent,
                        expectedCalls.size(), expectedOversize, server.malformedPacketsDropped(), malformedOnReliable,
                        malformedOnLossy, replies, burstReplies, flood, floodCalls);
            }
        }
    }

    private void fuzzCase(LiveKitPeer peer, Kind kind, int i, Random random) throws Exception {
        switch (kind) {
            case VALID_NOTE -> {
                String id = "v-" + i;
                String args = "{\"id\":\"" + id + "\",\"flag\":" + random.nextBoolean() + "}";
                // The seed-era wrapper {"type":"application","data":{...}} is the same command.
                String json = random.nextInt(4) == 0 ? "{\"type\":\"application\",\"data\":" + command("note", args) + "}"
                        : command("note", args);
                sendValid(peer, json, "note(" + id + ")", false);
            }
            case VALID_OTHER -> {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        int level = random.nextInt(256);
                        sendValid(peer, command("set_level", "{\"level\":" + level + "}"), "set_level(" + level + ")", false);
                    }
                    case 1 -> {
                        double speed = random.nextDouble() * 10;
                        sendValid(peer, command("set_speed", "{\"speed\":" + speed + "}"), "set_speed(" + speed + ")", false);
                    }
                    case 2 -> {
                        String palette = List.of("warm", "cool", "mono").get(random.nextInt(3));
                        sendValid(peer, command("set_palette", "{\"palette\":\"" + palette + "\"}"),
                                "set_palette(" + palette + ")", false);
                    }
                    // Without arguments "data" may be left out.
                    default -> sendValid(peer, "{\"type\":\"reset\"}", "reset()", false);
                }
            }
            case NOT_JSON -> {
                String valid = command("set_level", "{\"level\":1}");
                String broken = FuzzJson.broken(random, valid);
                if (broken.equals("\uFEFF" + valid)) {
                    // A byte-order mark before the JSON is tolerated (Jackson skips it): still the valid command.
                    sendValid(peer, broken, "set_level(1)", false);
                    return;
                }
                application(peer, random, switch (random.nextInt(3)) {
                    case 0 -> utf8(FuzzJson.randomUnicode(random, random.nextInt(300)));
                    case 1 -> utf8(broken);
                    default -> randomBytes(random, 1 + random.nextInt(2000));
                });
            }
            case WRONG_SHAPE -> application(peer, random, utf8(wrongShape(random)));
            case UNKNOWN_COMMAND -> application(peer, random, utf8(command("x_" + FuzzJson.key(random),
                    FuzzJson.text(FuzzJson.value(random, 2)))));
            case BAD_ARGS -> application(peer, random, utf8(badCommand(random)));
            case WRONG_TOPIC -> {
                String topic = List.of("", "chat", "lk.chat", "runtime", "Application", "application ", "applicationx",
                        FuzzJson.randomUnicode(random, 8)).get(random.nextInt(8));
                byte[] payload = utf8(command("note", "{\"id\":\"t-" + i + "\"}"));
                byte[] packet = random.nextInt(5) == 0
                        // No topic at all.
                        ? DataPacket.newBuilder().setUser(UserPacket.newBuilder().setPayload(ByteString.copyFrom(payload)))
                        .build().toByteArray()
                        : LiveKitPeer.userPacket(topic, payload);
                sendCounted(peer, packet, random.nextBoolean());
            }
            case OTHER_KIND -> sendCounted(peer, otherKind(random, command("note", "{\"id\":\"k-" + i + "\"}")),
                    random.nextBoolean());
            case MALFORMED -> sendCounted(peer, malformed(random, i), random.nextBoolean());
            case TEXT_FRAME -> {
                // A JS SDK envelope sent to the LiveKit channel as text: not a DataPacket.
                byte[] text = utf8("{\"scope\":\"application\",\"data\":" + command("note", "{\"id\":\"x-" + i + "\"}") + "}");
                classify(text, false);
                peer.sendText(text);
            }
            default -> {
                byte[] packet = LiveKitPeer.userPacket("application", utf8(padded(command("note", "{\"id\":\"o-" + i + "\"}"),
                        LIMIT + 1 + random.nextInt(180 * 1024))));
                sendCounted(peer, packet, false);
            }
        }
    }

    /** A valid command on topic {@code application}; the model must log {@code call} next. */
    private void sendValid(LiveKitPeer peer, String json, String call, boolean onLossy) throws Exception {
        expectedCalls.add(call);
        peer.send(LiveKitPeer.userPacket("application", utf8(json)), onLossy);
    }

    /** A user packet on topic {@code application} carrying {@code payload}, on either channel. */
    private void application(LiveKitPeer peer, Random random, byte[] payload) throws Exception {
        sendCounted(peer, LiveKitPeer.userPacket("application", payload), random.nextInt(4) == 0);
    }

    /** Sends {@code bytes}, counting what the server must count: oversize ones, and under the limit those that are not a DataPacket. */
    private void sendCounted(LiveKitPeer peer, byte[] bytes, boolean onLossy) throws Exception {
        if (bytes.length > LIMIT) {
            oversizeSent++;
            onLossy = false; // counted exactly: only the reliable channel guarantees it arrives
        } else {
            classify(bytes, onLossy);
        }
        peer.send(bytes, onLossy);
    }

    private void classify(byte[] bytes, boolean onLossy) {
        try {
            var unused = DataPacket.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            if (onLossy) {
                malformedOnLossy++;
            } else {
                malformedOnReliable++;
            }
        }
    }

    /** Bytes that are, mostly, not a DataPacket: the test's own parse decides (see {@link #classify}). */
    private static byte[] malformed(Random random, int i) {
        byte[] valid = LiveKitPeer.userPacket("application", utf8(command("note", "{\"id\":\"m-" + i + "\"}")));
        return switch (random.nextInt(7)) {
            case 0 -> randomBytes(random, 1 + random.nextInt(4096));
            case 1 -> java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1)); // cut short
            case 2 -> { // a length that runs past the end
                byte[] copy = valid.clone();
                copy[1] = (byte) 0x7f;
                yield copy;
            }
            case 3 -> { // a varint that never ends
                byte[] bytes = new byte[11 + random.nextInt(20)];
                java.util.Arrays.fill(bytes, (byte) 0xff);
                bytes[0] = 0x08;
                yield bytes;
            }
            case 4 -> { // groups nested past the parser's recursion limit
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int depth = 150 + random.nextInt(2000);
                for (int d = 0; d < depth; d++) {
                    out.write(0xa3); // field 20, start group
                    out.write(0x01);
                }
                yield out.toByteArray();
            }
            case 5 -> { // a topic that is not UTF-8
                byte[] topic = {(byte) 0xc3, (byte) 0x28, (byte) 0xff};
                ByteArrayOutputStream user = new ByteArrayOutputStream();
                user.write(0x22); // UserPacket.topic (4), length-delimited
                user.write(topic.length);
                user.writeBytes(topic);
                ByteArrayOutputStream packet = new ByteArrayOutputStream();
                packet.write(0x12); // DataPacket.user (2)
                packet.write(user.size());
                packet.writeBytes(user.toByteArray());
                yield packet.toByteArray();
            }
            default -> { // a wrong wire type for a known field
                byte[] copy = valid.clone();
                copy[0] = (byte) ((copy[0] & 0xf8) | (random.nextBoolean() ? 3 : 7));
                yield copy;
            }
        };
    }

    /** A valid command inside a packet kind that is not a user packet: chat, RPC, streams, transcription, encrypted. */
    private static byte[] otherKind(Random random, String json) {
        DataPacket.Builder packet = DataPacket.newBuilder().setParticipantIdentity("fuzzer");
        switch (random.nextInt(5)) {
            case 0 -> packet.setChatMessage(ChatMessage.newBuilder().setId("c").setMessage(json));
            case 1 -> packet.setRpcRequest(RpcRequest.newBuilder().setId("r").setMethod("note").setPayload(json));
            case 2 -> packet.setStreamChunk(DataStream.Chunk.newBuilder().setStreamId("s").setContent(ByteString.copyFromUtf8(json)));
            case 3 -> packet.setTranscription(Transcription.newBuilder().setTrackId("t"));
            default -> packet.setEncryptedPacket(EncryptedPacket.newBuilder().setEncryptedValue(ByteString.copyFromUtf8(json)));
        }
        return packet.build().toByteArray();
    }

    /** JSON that is not {@code {"type": name, "data": args}}, or whose data cannot be set_level's arguments. */
    private static String wrongShape(Random random) {
        JsonNode any = FuzzJson.value(random, 3);
        return switch (random.nextInt(6)) {
            case 0 -> random.nextBoolean() ? "[" + FuzzJson.text(any) + "]" : "\"set_level\"";
            case 1 -> "{\"type\":" + (any.isTextual() && !any.asText().isEmpty() ? "1" : FuzzJson.text(any)) + ",\"data\":{}}";
            case 2 -> "{\"data\":{\"level\":3}}";
            case 3 -> "{\"type\":\"\",\"data\":{}}";
            case 4 -> "{\"type\":\"set_level\",\"data\":" + (any.isObject() || any.isNull() ? "[]" : FuzzJson.text(any)) + "}";
            default -> "{\"type\":\"application\",\"data\":{\"type\":\"set_level\",\"data\":\"3\"}}";
        };
    }

    /** A known command with arguments that are certainly invalid: out of range, wrong type, missing, or unknown. */
    private static String badCommand(Random random) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        String name;
        switch (random.nextInt(6)) {
            case 0 -> {
                name = "set_level";
                switch (random.nextInt(4)) {
                    case 0 -> args.put("level", List.of(-1, 256, Integer.MAX_VALUE, Integer.MIN_VALUE).get(random.nextInt(4)));
                    case 1 -> args.put("level", List.of("plaid", "", "NaN").get(random.nextInt(3)));
                    case 2 -> args.putArray("level").add(1);
                    default -> { } // missing
                }
            }
            case 1 -> {
                name = "set_speed";
                args.put("speed", List.of(-0.5, 10.000001, 1e308, -1e-9).get(random.nextInt(4)));
            }
            case 2 -> {
                name = "set_palette";
                args.put("palette", List.of("plaid", "", "WARM", "neon").get(random.nextInt(4)));
            }
            case 3 -> {
                name = "note";
                if (random.nextBoolean()) {
                    args.putObject("id");
                }
            }
            case 4 -> {
                name = "work";
                args.put("ms", List.of(-1, 51, 100_000).get(random.nextInt(3)));
            }
            default -> name = List.of("set_level", "set_speed", "set_palette", "note", "work", "reset").get(random.nextInt(6));
        }
        if (random.nextInt(3) == 0 || (args.isEmpty() && !name.equals("set_level") && !name.equals("note"))) {
            args.set("x_" + FuzzJson.key(random), FuzzJson.value(random, 1)); // an unknown parameter
        }
        return command(name, FuzzJson.text(args));
    }

    private interface Send {
        void run() throws Exception;
    }

    private static void expectRefusal(LiveKitPeer peer, Send send, String reason) throws Exception {
        int before = peer.received.size();
        send.run();
        await().atMost(WAIT).until(() -> peer.received.stream().skip(before)
                .anyMatch(m -> m.startsWith("runtime ") && m.contains("\"commandError\"") && m.contains(reason)));
    }

    private static String command(String name, String argsJson) {
        return "{\"type\":\"" + name + "\",\"data\":" + argsJson + "}";
    }

    private static String padded(String json, int bytes) {
        return json + " ".repeat(Math.max(0, bytes - json.length()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Deletes the model folder; declared first, so it closes after the servers (resources close in reverse order). */
    private interface TemporaryFolder extends AutoCloseable {
        @Override
        void close() throws java.io.IOException;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(path);
            }
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
