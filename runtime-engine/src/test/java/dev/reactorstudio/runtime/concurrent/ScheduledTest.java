package dev.reactorstudio.runtime.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScheduledTest {
    private final Logger log = (Logger) LoggerFactory.getLogger("ScheduledTest." + System.nanoTime());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private ScheduledExecutorService executor;

    @BeforeEach
    void setUp() {
        logged.start();
        log.addAppender(logged);
        log.setAdditive(false); // the expected failures stay out of the build's console
        executor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void aPeriodicTaskThatThrowsIsLoggedAndKeepsRunning() {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> future = Scheduled.withFixedDelay(executor, log, "Flaky check", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run breaks");
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        // A bare scheduleWithFixedDelay would stop after the first run for good.
        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() >= 3);
        assertThat(future.isDone()).isFalse();
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("Flaky check failed; it runs again at its next time");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("first run breaks");
        });
    }

    @Test
    void aFixedRateTaskThatThrowsKeepsRunningToo() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Scheduled.atFixedRate(executor, log, "Ticker", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("always");
        }, 0, 10, TimeUnit.MILLISECONDS);

        await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() >= 3);
        // The ticker keeps logging into the appender's plain list: stop it before reading the list.
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(logged.list).hasSizeGreaterThanOrEqualTo(2).allSatisfy(event ->
                assertThat(event.getFormattedMessage()).startsWith("Ticker failed"));
    }

    @Test
    void aOneShotTaskThatThrowsIsLoggedAndItsFutureHoldsTheFailure() {
        ScheduledFuture<?> future = Scheduled.once(executor, log, "Restart", () -> {
            throw new IllegalStateException("cannot start");
        }, 0, TimeUnit.MILLISECONDS);

        await().atMost(10, TimeUnit.SECONDS).until(future::isDone);
        assertThat(logged.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).isEqualTo("Restart failed"));
        try {
            future.get();
            throw new AssertionError("the future should hold the failure");
        } catch (ExecutionException | InterruptedException e) {
            assertThat(e.getCause()).hasMessage("cannot start");
        }
    }
}
