package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The unmodified {@code livekit-client} in headless Chromium watches {@code examples/hello-pattern}
 * through our media server, on both signaling paths. Runs only inside {@code scripts/netns-run}
 * (libwebrtc and Chromium ignore loopback; the namespace's veth is 10.203.0.1/10.203.0.2), with
 * {@code npm ci --prefix e2e/livekit} done beforehand.
 */
@Tag("webrtc")
class LiveKitBrowserTest {
    private static final Path E2E = LiveKitRoom.E2E;
    private static final LiveKitTokens TOKENS = LiveKitRoom.TOKENS;

    private static LiveKitRoom room;
    private static SessionManager sessions;
    private static MediaEngine media;
    private static LiveKitServer server;

    @BeforeAll
    static void startServices() throws Exception {
        room = LiveKitRoom.start("hello-pattern", Duration.ofSeconds(5));
        sessions = room.sessions();
        media = room.media();
        server = room.server();
    }

    @AfterAll
    static void stopServices() {
        if (room != null) {
            room.close();
        }
    }

    /** Every viewer left (room.disconnect()): detached from the session, its peers and native objects gone. */
    @AfterEach
    void viewersAreGoneAfterEachTest() {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.viewerCount() == 0 && media.peerCount() == 0
                && media.nativePeerCount() == 0
                && sessions.current().map(s -> s.clients().isEmpty()).orElse(true));
    }

    /** A viewer that waits for 30 frames, sends {@code set_palette} and waits for the model's state message. */
    private Map<String, Object> viewer(String identity, boolean singlePeerConnection, String palette) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("page", room.pageUrl(""));
        config.put("url", server.url());
        config.put("token", TOKENS.mint(identity, "local", Duration.ofMinutes(10)));
        config.put("single", singlePeerConnection);
        config.put("frames", 30);
        config.put("command", Map.of("type", "set_palette", "data", Map.of("palette", palette)));
        config.put("expectMessage", List.of("\"type\":\"state\"", "\"palette\":\"" + palette + "\""));
        config.put("leave", true);
        config.put("timeoutMs", 40_000);
        return config;
    }

    @Test
    void v1ViewerWatchesTheModelAndItsCommandChangesTheModel() throws Exception {
        JsonNode result = BrowserViewer.run(E2E, viewer("viewer-v1", true, "cool"));

        assertWatchedAndCommanded(result, "cool");
    }

    @Test
    void v0ViewerWatchesTheModelAndItsCommandChangesTheModel() throws Exception {
        JsonNode result = BrowserViewer.run(E2E, viewer("viewer-v0", false, "neon"));

        assertWatchedAndCommanded(result, "neon");
    }

    /** The client pings every 5 s and gives up after 15 s without an answer: a 20 s watch proves pongs arrive. */
    @Test
    void viewerStaysConnectedPastTheSignalPingTimeout() throws Exception {
        Map<String, Object> config = viewer("viewer-long", true, "warm");
        config.put("holdMs", 20_000);

        JsonNode result = BrowserViewer.run(E2E, config);

        assertWatchedAndCommanded(result, "warm");
        assertThat(mark(result, "disconnected") - mark(result, "connected")).as("connected until it left")
                .isGreaterThanOrEqualTo(20_000);
        assertThat(result.path("disconnectReason").asInt()).as("DisconnectReason.CLIENT_INITIATED").isEqualTo(1);
    }

    private static long mark(JsonNode result, String what) {
        for (JsonNode entry : result.path("timeline")) {
            if (what.equals(entry.path("what").asText())) {
                return entry.path("t").asLong();
            }
        }
        throw new AssertionError("no " + what + " in " + result.path("timeline"));
    }

    @Test
    void v1AndV0ViewersWatchTheSameSessionAtOnce() throws Exception {
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> run(viewer("viewer-a", true, "mono")));
        CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> run(viewer("viewer-b", false, "mono")));

        assertWatchedAndCommanded(first.get(), "mono");
        assertWatchedAndCommanded(second.get(), "mono");
    }

    private static JsonNode run(Map<String, Object> config) {
        try {
            return BrowserViewer.run(E2E, config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badTokenIsRejectedAsNotAllowedAndJoinsNothing() throws Exception {
        Map<String, Object> config = viewer("intruder", true, "mono");
        config.put("token", new LiveKitTokens(new LiveKitCredentials("devkey", "guessed")).mint("intruder", "local",
                Duration.ofMinutes(10)));

        JsonNode result = BrowserViewer.run(E2E, config);

        assertThat(result.path("state").asText()).isEqualTo("failed");
        assertThat(result.path("error").path("reason").asInt()).as("ConnectionErrorReason.NotAllowed").isZero();
        assertThat(result.path("error").path("status").asInt()).isEqualTo(401);
        assertThat(result.path("error").path("message").asText()).contains("invalid authorization token");
        assertThat(server.viewerCount()).isZero();
    }

    /** A token signed the way livekit-server-sdk does, with these video grants on top of roomJoin/room. */
    private static String grantToken(String identity, Map<String, Object> grants) {
        Map<String, Object> video = new LinkedHashMap<>(Map.of("roomJoin", true, "room", "local"));
        video.putAll(grants);
        return com.auth0.jwt.JWT.create().withIssuer("devkey").withSubject(identity)
                .withExpiresAt(java.time.Instant.now().plus(Duration.ofMinutes(10)))
                .withClaim("video", video).sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("secret"));
    }

    /** Both dialects: without canSubscribe the peer connects for data alone; commands still work, no video comes. */
    @Test
    void aViewerThatMayNotSubscribeGetsNoVideoButItsCommandsWork() throws Exception {
        for (boolean single : new boolean[] {true, false}) {
            Map<String, Object> config = viewer("controller-" + single, single, "mono");
            config.put("token", grantToken("controller-" + single, Map.of("canSubscribe", false)));
            config.put("frames", 0);

            JsonNode result = BrowserViewer.run(E2E, config);

            assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("connected");
            assertThat(result.path("subscribed").isNull()).as("no track for a token without canSubscribe").isTrue();
            assertThat(result.path("framesDecoded").asInt()).isZero();
            assertThat(result.path("data")).as("its command ran and the model answered")
                    .anySatisfy(packet -> assertThat(packet.path("text").asText()).contains("\"palette\":\"mono\""));
        }
    }

    /** The unmodified client sends data whatever its grant; the server drops it, so the model never changes. */
    @Test
    void aViewerThatMayNotPublishDataWatchesButItsCommandsNeverReachTheModel() throws Exception {
        long refusedBefore = server.dataPacketsRefused();
        Map<String, Object> config = viewer("watcher", true, "warm");
        config.put("token", grantToken("watcher", Map.of("canPublishData", false)));
        // A speed no other test sets: the state and progress messages would show it had the model taken it.
        config.put("command", Map.of("type", "set_speed", "data", Map.of("speed", 3.75)));
        config.put("expectMessage", List.of("\"speed\":3.75"));
        config.put("timeoutMs", 20_000);

        JsonNode result = BrowserViewer.run(E2E, config);

        assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("connected");
        assertThat(result.path("framesDecoded").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(result.path("data")).as("the model sends progress to this viewer, but never with the refused speed")
                .isNotEmpty()
                .noneSatisfy(packet -> assertThat(packet.path("text").asText()).contains("3.75"));
        assertThat(server.dataPacketsRefused()).isGreaterThan(refusedBefore);
    }

    private void assertWatchedAndCommanded(JsonNode result, String palette) {
        assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("connected");
        assertThat(result.path("subscribed").path("participant").asText()).isEqualTo("reactor-model");
        assertThat(result.path("subscribed").path("track").asText()).isEqualTo("main_video");
        assertThat(result.path("framesDecoded").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(result.path("frameWidth").asInt()).isEqualTo(640);
        assertThat(result.path("frameHeight").asInt()).isEqualTo(480);
        assertThat(result.path("data")).anySatisfy(packet -> {
            assertThat(packet.path("from").asText()).isEqualTo("reactor-model");
            assertThat(packet.path("topic").asText()).isEqualTo("application");
            assertThat(packet.path("text").asText()).contains("\"type\":\"state\"").contains("\"palette\":\"" + palette + "\"");
        });
        assertThat(result.path("reconnects").asInt()).isZero();
        // Measurements for the record (not asserted: timings depend on the machine).
        System.out.printf("livekit e2e %s: %d frames decoded %dx%d %s; timeline %s; command sent at %d ms%n",
                result.path("subscribed").path("participant").asText(), result.path("framesDecoded").asInt(),
                result.path("frameWidth").asInt(), result.path("frameHeight").asInt(), result.path("codec").asText(),
                result.path("timeline"), result.path("commandSentAt").asInt());
    }
}
