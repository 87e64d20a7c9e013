package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.join.FleetMember;
import dev.reactorstudio.runtime.fleet.join.JoinOptions;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unmodified JS SDK 2.9.0 in production mode, in headless Chromium inside the test
 * namespace: a fleet coordinator with one joined hello-pattern runtime; browser A streams through
 * it, browser B waits in the queue and streams once A disconnects. The coordinator relays the
 * signaling; the media goes from the runtime's WebRTC engine straight to the browser.
 */
@Tag("webrtc")
class FleetBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetBrowserTest.class);
    private static final String SECRET = "fleet-browser-test-secret-0123";
    private static final String API_KEY = "browser-test-key";
    private static FleetCoordinator coordinator;
    private static FleetMember runtime;
    private static String apiUrl;

    @BeforeAll
    static void startFleet() throws Exception {
        BrowserDriver.requireNamespace();
        coordinator = new FleetCoordinator(FleetOptions.defaults(SECRET).withBind(BrowserDriver.SERVER_ADDRESS, 0)
                .withApiKeys(Set.of(API_KEY)).withSecurity(SecurityOptions.defaults()
                        .withOrigins(OriginPolicy.allowing(List.of("http://" + BrowserDriver.PAGE_ADDRESS + ":*"))))).start();
        apiUrl = "http://" + BrowserDriver.SERVER_ADDRESS + ":" + coordinator.port();
        JoinOptions join = new JoinOptions(List.of(URI.create(apiUrl)), SECRET, "browser-rt", BrowserDriver.SERVER_ADDRESS,
                0, null);
        ServiceOptions services = ServiceOptions.defaults(BrowserDriver.repoRoot().resolve("examples/hello-pattern"))
                .withRuntimePort(0).withHost(HostOptions.defaults().withOrphanTimeout(Duration.ofSeconds(30)));
        runtime = FleetMember.start(services, join);
        runtime.loadAndJoin(join);
    }

    @AfterAll
    static void stopFleet() {
        if (runtime != null) {
            runtime.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void aSecondBrowserWaitsInTheQueueAndStreamsWhenTheFirstDisconnects() throws Exception {
        JsonNode r = BrowserDriver.runScript("fleet.mjs", List.of("--api", apiUrl, "--api-key", API_KEY,
                "--page-host", BrowserDriver.PAGE_ADDRESS, "queue"), line -> LOG.info("{}", line));
        assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
        assertThat(r.path("a").path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("a").path("videoHeight").asInt()).isEqualTo(480);
        assertThat(r.path("bWhileA").path("status").asText()).as("B waits while A streams").isEqualTo("waiting");
        assertThat(r.path("bWhileA").path("frames").asInt()).isZero();
        assertThat(r.path("b").path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("b").path("frames").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("aFinal").path("status").asText()).isEqualTo("disconnected");
        String admin = new FleetTokens(SECRET).mint("admin", Role.CLIENT, Duration.ofMinutes(5));
        // B's disconnect sent DELETE: the runtime is free again and nobody waits.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode fleet = FleetHttp.get(apiUrl + "/fleet", admin).body();
            assertThat(fleet.path("queue")).isEmpty();
            assertThat(fleet.path("runtimes").get(0).path("state").asText()).isEqualTo("idle");
        });
    }
}
