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

/** A model slower than its commands: the queue holds at most 32 commands, the rest are refused. */
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
    void commandsBeyondTheQueueAreRefusedWithTheFlagToRaiseAndTheModelRunsOnlyTheQueuedOnes() throws Exception {
        CommandBinder binder = Binders.of(Map.of("wait", args -> () -> {
            firstRunning.countDown();
            release.await();
            return ran.incrementAndGet();
        }));
        manager = new SessionManager(new ScriptedModel(ScriptedModel.generateUntilStopped()), binder,
                SessionSettings.defaults().withOrphanTimeout(Duration.ZERO));
        manager.start();
        var args = new ObjectMapper().createObjectNode();
        List<CompletableFuture<Object>> accepted = new ArrayList<>();
        accepted.add(manager.command("wait", args));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < SessionSettings.DEFAULT_COMMAND_QUEUE; i++) {
            accepted.add(manager.command("wait", args));
        }
        CompletableFuture<Object> refused = manager.command("wait", args);

        assertThat(refused).isCompletedExceptionally();
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class, refused::get);
        assertThat(e.getCause()).isInstanceOf(CommandQueueFullException.class)
                .hasMessageContaining(SessionSettings.DEFAULT_COMMAND_QUEUE + " commands are already waiting");
        assertThat(manager.stats().commandsRejected()).containsEntry("wait", 1L);

        release.countDown();
        for (CompletableFuture<Object> f : accepted) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(ran).hasValue(SessionSettings.DEFAULT_COMMAND_QUEUE + 1);
        assertThat(manager.command("wait", args).get(10, TimeUnit.SECONDS)).as("room again once drained")
                .isEqualTo(SessionSettings.DEFAULT_COMMAND_QUEUE + 2);
    }
}
