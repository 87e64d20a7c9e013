package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unmodified {@code @reactor-team/js-sdk@2.9.0} in headless Chromium against our coordinator
 * and examples/hello-pattern, all inside the test network namespace.
 */
@Tag("webrtc")
class JsSdkEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(JsSdkEndToEndTest.class);
    private static StackUnderTest stack;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        stack = StackUnderTest.helloPattern(BrowserDriver.SERVER_ADDRESS, Map.of());
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    private static JsonNode browser(String... scenario) throws Exception {
        JsonNode result = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), scenario);
        assertThat(result.path("ok").asBoolean()).as("browser scenario %s: %s", scenario[0], result).isTrue();
        return result;
    }

    /** Shorter than the 30 s orphan timeout: only an explicit stop (disconnect) ends the session this fast. */
    private static void awaitNoSession() {
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.sessions().current().isEmpty());
    }

    @Test
    void sdkStreamsTheModelTakesCommandsReconnectsAndDisconnectStopsTheSession() throws Exception {
        JsonNode r = browser("sdk");
        assertThat(r.path("ready").asBoolean()).isTrue();
        assertThat(r.path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("videoHeight").asInt()).isEqualTo(480);
        assertThat(r.path("frames").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("stateMessage").path("palette").asText()).isEqualTo("cool");
        assertThat(r.path("plaidSeen").asBoolean()).as("an invalid palette must not reach the model").isFalse();
        assertThat(r.path("messageCount").asInt()).isGreaterThan(1);
        assertThat(r.path("reconnected").asBoolean()).isTrue();
        assertThat(r.path("afterReconnect").path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("finalStatus").asText()).isEqualTo("disconnected");
        awaitNoSession();
    }

    @Test
    void twoViewersWatchOneSessionAndBothGetItsMessages() throws Exception {
        JsonNode r = browser("two");
        assertThat(r.path("a").path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("b").path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("crossMessage").asBoolean()).isTrue();
        awaitNoSession();
    }

    @Test
    void fiftyConnectDisconnectCyclesLeaveThreadsAndPeersWhereTheyStarted() throws Exception {
        browser("cycles", "1");
        awaitNoSession();
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.media.nativePeerCount() == 0);
        int threadsBefore = liveThreads();
        LOG.info("Threads before the cycles: {}", threadsBefore);

        JsonNode r = browser("cycles", "50");
        assertThat(r.path("cycles").asInt()).isEqualTo(50);
        awaitNoSession();
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.media.nativePeerCount() == 0);
        assertThat(stack.media.peerCount()).isZero();
        // Threads of ended sessions and closed peers end a moment after; wait for them, then compare counts.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> liveThreads() <= threadsBefore);
        LOG.info("Threads after the cycles: {}", liveThreads());
        assertThat(liveThreads()).isLessThanOrEqualTo(threadsBefore);
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }
}
