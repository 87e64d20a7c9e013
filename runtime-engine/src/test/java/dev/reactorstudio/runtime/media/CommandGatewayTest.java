package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.session.CommandBinder;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data-channel path of {@code --max-queued-commands}: a full queue is refused at once, with the flag to raise. */
class CommandGatewayTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstRunning = new CountDownLatch(1);
    private final AtomicInteger ran = new AtomicInteger();
    private SessionManager manager;

    /** Emits tiny frames until stopped. */
    static final class Idle extends VideoModel {
        @Override
        public void startSession() throws InterruptedException {
            SessionContext ctx = Reactor.ctx();
            while (!ctx.shouldStop()) {
                ctx.emitBlock(new byte[3], 1, 1, 3);
            }
        }
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void aCommandBeyondTheQueueIsQueueFullWithTheFlagAndNeverRuns() throws Exception {
        CommandBinder slow = (name, args) -> () -> {
            firstRunning.countDown();
            release.await();
            return ran.incrementAndGet();
        };
        manager = new SessionManager(new Idle(), slow, SessionSettings.defaults().withOrphanTimeout(Duration.ZERO)
                .withCommandQueue(2));
        manager.start();
        CommandGateway gateway = new CommandGateway(manager);
        var args = new ObjectMapper().createObjectNode();

        assertThat(gateway.dispatch("wait", args).accepted()).isTrue();
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.dispatch("wait", args).accepted()).isTrue();
        assertThat(gateway.dispatch("wait", args).accepted()).isTrue();
        CommandGateway.Outcome refused = gateway.dispatch("wait", args);

        assertThat(refused.status()).isEqualTo(CommandGateway.Outcome.Status.QUEUE_FULL);
        assertThat(refused.refusal("wait")).as("the one wording every transport sends")
                .isEqualTo("command wait refused: 2 commands are already waiting for the model; send fewer, wait for the "
                        + "model to catch up, or raise reactor run --max-queued-commands");
        assertThat(refused.details()).isEmpty();
        release.countDown();
        org.awaitility.Awaitility.await().until(() -> ran.get() == 3);
        Thread.sleep(200);
        assertThat(ran).as("the refused command never ran").hasValue(3);
    }
}
