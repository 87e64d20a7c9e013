package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A model slower than its commands: the queue holds at most N commands ({@code --max-queued-commands}), the rest are refused. */
class CommandQueueLimitTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstRunning = new CountDownLatch(1);
    private final AtomicInteger ran = new AtomicInteger();
    private SessionManager manager;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void theDefaultQueueHolds32() {
        assertThat(SessionSettings.defaults().commandQueue()).isEqualTo(32);
    }

    @Test
    void commandsBeyondTheQueueAreRefusedWithTheFlagToRaiseAndTheModelRunsOnlyTheQueuedOnes() throws Exception {
        int limit = 5;
        CommandBinder binder = Binders.of(Map.of("wait", args -> () -> {
            firstRunning.countDown();
            release.await();
            return ran.incrementAndGet();
        }));
        manager = new SessionManager(new ScriptedModel(ScriptedModel.generateUntilStopped()), binder,
                SessionSettings.defaults().withOrphanTimeout(Duration.ZERO).withCommandQueue(limit));
        manager.start();
        var args = new ObjectMapper().createObjectNode();
        List<CompletableFuture<Object>> accepted = new ArrayList<>();
        accepted.add(manager.command("wait", args));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < limit; i++) {
            accepted.add(manager.command("wait", args));
        }
        CompletableFuture<Object> refused = manager.command("wait", args);

        assertThat(refused).isCompletedExceptionally();
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class, refused::get);
        assertThat(e.getCause()).isInstanceOf(CommandQueueFullException.class)
                .hasMessageContaining(limit + " commands are already waiting")
                .hasMessageContaining("--max-queued-commands");
        assertThat(manager.stats().commandsRejected()).containsEntry("wait", 1L);

        release.countDown();
        for (CompletableFuture<Object> f : accepted) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(ran).hasValue(limit + 1);
        assertThat(manager.command("wait", args).get(10, TimeUnit.SECONDS)).as("room again once drained")
                .isEqualTo(limit + 2);
    }
}
