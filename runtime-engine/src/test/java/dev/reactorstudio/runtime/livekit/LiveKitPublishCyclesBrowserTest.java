package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.coordinator.FakeDevices;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "50 publish/unpublish cycles leave threads and native objects where they started", on
 * the LiveKit path: the unmodified {@code livekit-client} in headless Chromium publishes a fake
 * camera as {@code webcam} and a fake microphone as {@code mic} to {@code examples/webcam-mirror}
 * and unpublishes them, 50 times in one page on one connection. While that viewer is still
 * connected, the runtime holds no more threads, input feeds (native sinks on remote tracks),
 * publications or claims than after one warm-up cycle, and the model sees both inputs stopped; a
 * publish after the cycles still reaches the model. Then a second viewer's refused publications
 * (an input the first holds, an undeclared name) are told to the page at once, with the reason.
 * Runs only inside {@code scripts/netns-run}.
 */
@Tag("webrtc")
class LiveKitPublishCyclesBrowserTest {
    private static final Path E2E = WebcamMirrorRoom.E2E;
    private static final int CYCLES = 50;
    /** Threads a JVM or Jetty may start or end on its own while we look (pool workers, GC helpers). */
    private static final int THREAD_SLACK = 3;

    private static WebcamMirrorRoom room;
    private static SessionManager sessions;
    private static MediaEngine media;
    private static LiveKitServer server;

    @BeforeAll
    static void startServices() throws Exception {
        room = WebcamMirrorRoom.start(new int[] {200, 60, 30}, Duration.ofSeconds(30));
        sessions = room.sessions();
        media = room.media();
        server = room.server();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void fiftyPublishCyclesLeaveThreadsFeedsPublicationsAndClaimsWhereTheyStarted() throws Exception {
        Path steps = Files.createTempDirectory("cycle-steps-");
        Set<String> warmThreads = new TreeSet<>();
        Map<String, Object> config = room.pageConfig("cycler", "latecomer");
        config.put("cycles", CYCLES);
        config.put("steps", steps.toString());
        CompletableFuture<JsonNode> driver = CompletableFuture.supplyAsync(() -> {
            try {
                return BrowserViewer.run(E2E, "cycles.mjs", config);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            // After one warm-up cycle (lazily started threads are not leaks), with the viewer connected.
            awaitStep(steps, "warm", driver);
            Session session = sessions.current().orElseThrow();
            awaitNothingPublished(session);
            Set<String> warm = threadNames();
            warmThreads.addAll(warm);
            int transceiversWarm = media.transceiverCount().get(10, TimeUnit.SECONDS);
            Files.createFile(steps.resolve("warm.go"));

            awaitStep(steps, "cycled", driver);
            awaitNothingPublished(session);
            assertThat(media.nativePeerCount()).as("native peer connections (one viewer, /rtc/v1)").isEqualTo(1);
            assertThreadsBackTo(warm, "the cycles, viewer still connected");
            int transceiversCycled = media.transceiverCount().get(10, TimeUnit.SECONDS);
            System.out.println("LiveKit publish cycles: transceivers after warm-up " + transceiversWarm + ", after "
                    + CYCLES + " cycles " + transceiversCycled);
            // livekit-client adds a section per published track and never stops one; only an offerer can,
            // and the runtime answers on this connection. So its transceivers grow by the client's two a
            // cycle — and by nothing of the runtime's own — until the connection closes.
            assertThat(transceiversCycled - transceiversWarm).as("native transceivers added on the viewer's connection")
                    .isEqualTo(2 * CYCLES);
            Files.createFile(steps.resolve("cycled.go"));
        } finally {
            // Never leave the driver waiting for a step: it gives up on its own after 90 s.
            for (String step : List.of("warm.go", "cycled.go")) {
                if (!Files.exists(steps.resolve(step))) {
                    Files.createFile(steps.resolve(step));
                }
            }
        }
        JsonNode r = driver.get(150, TimeUnit.SECONDS);
        FakeDevices.deleteFolder(steps);
        System.out.println("livekit cycles result: " + r);
        assertThat(r.path("cycles").path("cycles").asInt()).isEqualTo(CYCLES);
        assertThat(r.path("reconnects").asInt()).isZero();
        // A publish after the cycles still reaches the model (no slot, claim or feed was left behind).
        assertThat(r.path("afterCycles").path("frames").asLong() - r.path("framesBeforeLastPublish").asLong())
                .isGreaterThanOrEqualTo(30);

        // A refused publication (an input another viewer holds, an undeclared name) is told to the page at
        // once on topic "runtime", with the reason. livekit-client itself ignores the request_response
        // the runtime answers add_track with (as LiveKit's server does), so publishTrack rejects only at
        // the client's own 10 s publication timeout; nothing of the refused track reaches the model.
        for (String refused : List.of("refusedTaken", "refusedUndeclared")) {
            JsonNode outcome = r.path(refused);
            assertThat(outcome.path("refusalMillis").asDouble()).as("%s: refusal seen by the page after (ms)", refused)
                    .isBetween(0.0, 5_000.0);
            assertThat(outcome.path("refusal").path("data").path("code").asText()).isEqualTo("TRACK_PUBLISH_REFUSED");
            assertThat(outcome.path("rejected").asBoolean()).as("%s: publishTrack rejected", refused).isTrue();
        }
        assertThat(r.path("refusedTaken").path("refusal").path("data").path("message").asText())
                .contains("first publisher wins");
        assertThat(r.path("refusedUndeclared").path("refusal").path("data").path("message").asText())
                .contains("no audio input named \"no_such_input\"");
        assertThat(r.path("bReconnects").asInt()).isZero();

        // Both viewers left: no viewer thread, peer, feed or publication remains.
        await().atMost(Duration.ofSeconds(30)).until(() -> server.viewerCount() == 0 && media.nativePeerCount() == 0);
        assertThat(media.remoteInputCount()).isZero();
        assertThat(server.publicationCount()).isZero();
        // Every thread the viewers started is gone (threads started lazily on first use stay: pools, reapers).
        Set<String> expected = new TreeSet<>(warmThreads);
        expected.removeIf(LiveKitPublishCyclesBrowserTest::isViewerThread);
        assertThreadsBackTo(expected, "both viewers left");
        assertThat(threadNames()).noneMatch(LiveKitPublishCyclesBrowserTest::isViewerThread);
    }

    /** No feed, publication or claim is left, and the model sees both inputs stopped. */
    private static void awaitNothingPublished(Session session) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                    media.remoteInputCount() == 0 && server.publicationCount() == 0
                            && session.inputs().publisher("webcam") == null && session.inputs().publisher("mic") == null
                            && !session.inputs().isLive("webcam") && !session.inputs().isLive("mic"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("left behind: " + media.remoteInputCount() + " input feeds, "
                    + server.publicationCount() + " publications, webcam held by " + session.inputs().publisher("webcam")
                    + " (live " + session.inputs().isLive("webcam") + "), mic held by " + session.inputs().publisher("mic")
                    + " (live " + session.inputs().isLive("mic") + ")", e);
        }
    }

    private static void assertThreadsBackTo(Set<String> start, String when) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> threadNames().size() <= start.size() + THREAD_SLACK);
        } catch (ConditionTimeoutException e) {
            Set<String> extra = threadNames();
            extra.removeAll(start);
            throw new AssertionError("threads after " + when + ": " + threadNames().size() + ", at the start "
                    + start.size() + " (slack " + THREAD_SLACK + "); new ones: " + extra, e);
        }
    }

    private static void awaitStep(Path steps, String step, CompletableFuture<JsonNode> driver) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(steps.resolve(step + ".ready")) || driver.isDone());
        if (!Files.exists(steps.resolve(step + ".ready"))) {
            driver.join(); // throws the driver's failure
            throw new AssertionError("the browser driver ended before step " + step);
        }
    }

    /** Threads one connected viewer owns; none may be left once it left. */
    private static boolean isViewerThread(String name) {
        return name.startsWith("reactor-peer-") || name.startsWith("livekit-signal-");
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName() + "#" + t.getId()));
        return names;
    }
}
