package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Reactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofSeconds(10);

    /** The model's state that commands change. */
    private final AtomicInteger value = new AtomicInteger(-1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final ScriptedModel model = new ScriptedModel(ScriptedModel.generateUntilStopped());
    private SessionManager manager;
    private Recorder recorder;

    @BeforeEach
    void setUp() {
        CommandBinder binder = Binders.of(Map.of(
                "set_value", args -> {
                    int v = Binders.intArg(args, "set_value");
                    return () -> {
                        value.set(v);
                        return v;
                    };
                },
                "where", args -> () -> Thread.currentThread().getName() + " inside=" + model.insideStartSession,
                "slow", args -> () -> {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    order.add("start " + args.get("name").asText());
                    Thread.sleep(150);
                    order.add("end " + args.get("name").asText());
                    running.decrementAndGet();
                    return null;
                },
                "explode", args -> () -> {
                    throw new IllegalArgumentException("bad knob");
                },
                "say", args -> () -> {
                    Reactor.ctx().send(Map.of("type", "said", "text", args.get("text").asText()));
                    return null;
                },
                "say_nonsense", args -> () -> {
                    Reactor.ctx().send(Map.of("type", "oops", "payload", new Object()));
                    return null;
                }));
        manager = new SessionManager(model, binder, SessionSettings.defaults().withOrphanTimeout(Duration.ZERO));
        recorder = Recorder.attachTo(manager);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static JsonNode args(Object... keyValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    private Object run(String name, JsonNode args) throws Exception {
        return manager.command(name, args).get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void commandRunsOnTheCommandThreadWhileStartSessionKeepsGenerating() throws Exception {
        Session session = manager.start();
        await().atMost(LONG).until(() -> recorder.frameCount() > 0);

        Object where = run("where", null);

        assertThat((String) where).startsWith("reactor-commands-" + session.id()).endsWith("inside=true");
        long framesBefore = manager.stats().framesEmitted();
        await().atMost(LONG).until(() -> manager.stats().framesEmitted() > framesBefore);
    }

    @Test
    void validCommandReachesTheModel() throws Exception {
        manager.start();

        assertThat(run("set_value", args("value", 7))).isEqualTo(7);

        assertThat(value).hasValue(7);
        assertThat(manager.stats().commandsOk()).containsEntry("set_value", 1L);
    }

    @Test
    void commandsRunOneAtATimeInArrivalOrder() throws Exception {
        manager.start();

        CompletableFuture<Object> first = manager.command("slow", args("name", "a"));
        CompletableFuture<Object> second = manager.command("slow", args("name", "b"));
        CompletableFuture.allOf(first, second).get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(maxRunning).hasValue(1);
        assertThat(order).containsExactly("start a", "end a", "start b", "end b");
    }

    @Test
    void invalidCommandIsRejectedBeforeTouchingTheModel() throws Exception {
        manager.start();

        assertThatThrownBy(() -> manager.command("set_value", args("value", "seven")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("value")
                .satisfies(e -> assertThat(((InvalidCommandException) e).problems()).hasSize(1));
        assertThatThrownBy(() -> manager.command("warp_drive", args()))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("warp_drive");

        assertThat(value).hasValue(-1);
        assertThat(manager.stats().commandsRejected())
                .containsEntry("set_value", 1L).containsEntry("warp_drive", 1L);
        assertThat(manager.stats().commandsOk()).isEmpty();
    }

    @Test
    void commandWithoutASessionIsRefused() throws Exception {
        assertThatThrownBy(() -> manager.command("set_value", args("value", 1)))
                .isInstanceOf(NoActiveSessionException.class);

        Session session = manager.start();
        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThatThrownBy(() -> manager.command("set_value", args("value", 1)))
                .isInstanceOf(NoActiveSessionException.class);
        assertThat(value).hasValue(-1);
    }

    @Test
    void failingCommandCompletesExceptionallyAndTheSessionKeepsRunning() throws Exception {
        Session session = manager.start();

        assertThatThrownBy(() -> run("explode", null))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad knob");

        assertThat(session.state()).isEqualTo(SessionState.RUNNING);
        assertThat(run("set_value", args("value", 3))).isEqualTo(3);
        assertThat(manager.stats().commandsFailed()).containsEntry("explode", 1L);
        long framesBefore = recorder.frameCount();
        await().atMost(LONG).until(() -> recorder.frameCount() > framesBefore);
    }

    @Test
    void sendFromACommandReachesMessageSinksWithTheSessionId() throws Exception {
        Session session = manager.start();

        run("say", args("text", "hello"));

        assertThat(recorder.messages).hasSize(1);
        Recorder.Message message = recorder.messages.get(0);
        assertThat(message.sessionId()).isEqualTo(session.id());
        assertThat(message.body().get("type").asText()).isEqualTo("said");
        assertThat(message.body().get("text").asText()).isEqualTo("hello");
        assertThat(manager.stats().messagesSent()).isEqualTo(1);
    }

    @Test
    void sendingSomethingThatIsNotJsonIsAnIllegalArgument() throws Exception {
        manager.start();

        assertThatThrownBy(() -> run("say_nonsense", null))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        assertThat(recorder.messages).isEmpty();
    }

    @Test
    void sendFromStartSessionReachesMessageSinks() throws Exception {
        model.script(ctx -> ctx.send(Map.of("type", "ready", "n", 1)));

        Session session = manager.start();
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(recorder.messages).singleElement().satisfies(m -> {
            assertThat(m.sessionId()).isEqualTo(session.id());
            assertThat(m.body().get("n").asInt()).isEqualTo(1);
        });
        model.script(ctx -> ctx.send(null));
        assertThat(manager.start().ended().get(LONG.toSeconds(), TimeUnit.SECONDS).errorMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("IllegalArgumentException"));
    }

    @Test
    void commandsStillQueuedWhenTheSessionEndsFailInsteadOfHangingForever() throws Exception {
        Session session = manager.start();
        List<CompletableFuture<Object>> pending = List.of(
                manager.command("slow", args("name", "a")),
                manager.command("slow", args("name", "b")),
                manager.command("slow", args("name", "c")));

        manager.stop(EndReason.STOPPED);
        session.ended().get(LONG.toSeconds(), TimeUnit.SECONDS);

        await().atMost(LONG).until(() -> pending.stream().allMatch(CompletableFuture::isDone));
        assertThat(pending.get(2)).isCompletedExceptionally();
        assertThatThrownBy(() -> pending.get(2).get())
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining(session.id());
    }
}
