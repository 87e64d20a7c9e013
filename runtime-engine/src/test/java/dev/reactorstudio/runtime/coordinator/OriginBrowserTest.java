package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.guard.HttpGuard;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The origin allow-list seen from real Chromium running the unmodified JS SDK: the page
 * {@code run.mjs} serves from 10.203.0.2 streams when that origin is allowed, and when it is not,
 * it cannot start a session — neither through the SDK (its preflight is refused) nor with a
 * "simple" cross-site POST that needs no preflight. The server logs the 403 and the model never
 * starts.
 */
@Tag("webrtc")
class OriginBrowserTest {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(OriginBrowserTest.class);
    private final ListAppender<ILoggingEvent> guardLog = new ListAppender<>();
    private final Logger guardLogger = (Logger) LoggerFactory.getLogger(HttpGuard.class);

    @BeforeEach
    void captureTheGuardsLog() throws Exception {
        BrowserDriver.requireNamespace();
        guardLog.start();
        guardLogger.addAppender(guardLog);
    }

    @AfterEach
    void release() {
        guardLogger.detachAppender(guardLog);
    }

    @Test
    void aPageFromAnAllowedOriginStreams() throws Exception {
        try (StackUnderTest stack = StackUnderTest.example("hello-pattern", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults(), StackUnderTest.pagesOfTheTestNetwork())) {
            JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "firstframe", "1");
            assertThat(r.path("ok").asBoolean()).as("browser: %s", r).isTrue();
            assertThat(r.path("firstFrameMs").get(0).asDouble()).isPositive();
            assertThat(stack.sessions().stats().sessionsStarted()).isEqualTo(1);
            assertThat(guardLog.list).isEmpty();
        }
    }

    @Test
    void aPageFromAnOriginNotOnTheListCannotStartASession() throws Exception {
        // The LAN page the user named is another machine; the test page (10.203.0.2) is not it.
        SecurityOptions otherPageOnly = SecurityOptions.defaults()
                .withOrigins(OriginPolicy.allowing(List.of("http://10.203.0.99:5173")));
        try (StackUnderTest stack = StackUnderTest.example("hello-pattern", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults(), otherPageOnly)) {
            JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "refused");
            assertThat(r.path("ok").asBoolean()).as("browser: %s", r).isTrue();
            assertThat(r.path("frames").asInt()).isZero();
            assertThat(r.path("status").asText()).isNotEqualTo("ready");
            String page = r.path("pageOrigin").asText();
            assertThat(page).startsWith("http://" + BrowserDriver.PAGE_ADDRESS + ":");

            assertThat(stack.sessions().stats().sessionsStarted()).as("the model never started a session").isZero();
            assertThat(stack.sessions().current()).isEmpty();
            List<String> refusals = guardLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            LOG.info("Guard log: {}", refusals);
            assertThat(refusals).anySatisfy(line -> assertThat(line).contains("coordinator: 403")
                    .contains("/start_session").contains("origin " + page));
        }
    }
}
