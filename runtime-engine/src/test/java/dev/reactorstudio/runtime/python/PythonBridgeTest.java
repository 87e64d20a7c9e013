package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionEvent;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sessions, commands and faults of Python models behind the bridge. */
class PythonBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSeedDocumentsExactSnippetsRunUnchanged() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("seed-snippets"), PythonSupport.options())) {
            Session session = model.sessions().start();
            SessionEvent ended = session.ended().get(30, TimeUnit.SECONDS);
            assertThat(ended.endReason()).isEqualTo(EndReason.COMPLETED);
            // One float frame, a float batch of 10, one black frame: 12 at 640x480.
            assertThat(model.frames).hasSize(12).allSatisfy(frame -> {
                assertThat(frame.width()).isEqualTo(640);
                assertThat(frame.height()).isEqualTo(480);
            });
            Frame black = model.frames.get(11);
            assertThat(black.rgb()).containsOnly((byte) 0);
            assertThat(model.frames.get(0).rgb()).contains((byte) 200);
            assertThat(model.messages).extracting(m -> m.path("type").asText())
                    .containsExactly("progress", "state_changed", "custom_event");
            assertThat(model.messages.get(0).toString()).isEqualTo(
                    "{\"type\":\"progress\",\"value\":0.5,\"message\":\"Halfway done\"}");
            assertThat(model.messages.get(1).at("/metadata/step").asInt()).isEqualTo(42);
            assertThat(model.messages.get(2).at("/data/key").asText()).isEqualTo("value");
        }
    }

    @Test
    void anExceptionInStartSessionEndsTheSessionWithItAndTheChildServesTheNextOne() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options())) {
            long pid = model.python().pid();
            Session first = model.sessions().start();
            await().until(() -> model.hasMessage("hello"));
            model.sessions().command("fault", JSON.readTree("{\"kind\":\"raise\"}")).get(10, TimeUnit.SECONDS);
            SessionEvent ended = first.ended().get(30, TimeUnit.SECONDS);
            assertThat(ended.endReason()).isEqualTo(EndReason.ERROR);
            assertThat(ended.error()).contains("RuntimeError: boom in start_session");
            assertThat(model.messages).anyMatch(m -> "cleanup".equals(m.path("type").asText()));

            Session second = model.sessions().start();
            await().until(() -> model.messages.stream().anyMatch(m -> m.path("session").asInt() == 2));
            assertThat(model.python().pid()).isEqualTo(pid);
            model.sessions().stop(EndReason.STOPPED);
            assertThat(second.ended().get(30, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.STOPPED);
        }
    }

    @Test
    void badFramesFailTheSessionWithAMessageNamingTheShapeOrRange() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options())) {
            assertThat(failWith(model, "bad_shape")).contains("ValueError: emit_block: the last dimension must be 3 (RGB)")
                    .contains("(1, 48, 64, 4)");
            assertThat(failWith(model, "bad_range")).contains("float frames must be in 0..1").contains("2.0");
        }
    }

    private static String failWith(HostedModel model, String fault) throws Exception {
        Session session = model.sessions().start();
        await().until(() -> model.frames.stream().anyMatch(f -> f.sessionId().equals(session.id())));
        model.sessions().command("fault", JSON.readTree("{\"kind\":\"" + fault + "\"}")).get(10, TimeUnit.SECONDS);
        SessionEvent ended = session.ended().get(30, TimeUnit.SECONDS);
        assertThat(ended.endReason()).isEqualTo(EndReason.ERROR);
        return ended.error();
    }

    @Test
    void aKilledChildEndsTheSessionAndIsRestartedWithHealthReportingIt() throws Exception {
        PythonOptions slowRestart = PythonSupport.options().withRestartDelays(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(2));
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), slowRestart)) {
            long pid = model.python().pid();
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("hello"));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            SessionEvent ended = session.ended().get(30, TimeUnit.SECONDS);
            assertThat(ended.endReason()).isEqualTo(EndReason.ERROR);
            assertThat(ended.error()).contains("killed by signal 9");
            var health = model.host.health().orElseThrow();
            assertThat(health.healthy()).isFalse();
            assertThat(health.detail()).startsWith("restarting python model (attempt 1)");

            await().atMost(30, TimeUnit.SECONDS).until(() -> model.python().status().running());
            assertThat(model.host.health().orElseThrow().healthy()).isTrue();
            long restarted = model.python().pid();
            assertThat(restarted).isNotEqualTo(pid);
            // The model was constructed again: its session counter starts over.
            model.messages.clear();
            Session next = model.sessions().start();
            await().until(() -> model.hasMessage("hello"));
            assertThat(model.messages.get(0).path("session").asInt()).isEqualTo(1);
            assertThat(model.messages.get(0).path("pid").asLong()).isEqualTo(restarted);
            model.sessions().stop(EndReason.STOPPED);
            next.ended().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChildThatExitsMidSessionIsRestartedToo() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options())) {
            long pid = model.python().pid();
            Session session = model.sessions().start();
            await().until(() -> model.hasMessage("hello"));
            var unused = model.sessions().command("fault", JSON.readTree("{\"kind\":\"exit\"}")); // fails: the process exits
            SessionEvent ended = session.ended().get(30, TimeUnit.SECONDS);
            assertThat(ended.error()).contains("exited with code 7");
            await().atMost(30, TimeUnit.SECONDS).until(() -> model.python().status().running());
            assertThat(model.python().pid()).isNotEqualTo(pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void commandsReturnResultsAndRaiseAsErrorsWhileInvalidOnesNeverReachPython() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options())) {
            model.sessions().start();
            await().until(() -> model.hasMessage("hello"));
            Object echoed = model.sessions().command("echo", JSON.readTree("{\"text\":\"ab\",\"times\":3}"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(echoed).isEqualTo(Map.of("text", "ababab"));
            assertThatThrownBy(() -> model.sessions().command("explode", null).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(PythonModelException.class)
                    .hasMessageContaining("ValueError: command exploded");
            assertThatThrownBy(() -> model.sessions().command("echo", JSON.readTree("{\"times\":\"x\"}")))
                    .isInstanceOf(InvalidCommandException.class)
                    .hasMessageContaining("text: missing (required)").hasMessageContaining("times: expected an integer");
            assertThat(model.python().stats().snapshot().frames()).isPositive();
        }
    }

    @Test
    void flushFromAPythonCommandDropsTheFramesSentBeforeIt() throws Exception {
        try (HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options())) {
            model.sessions().start();
            await().until(() -> model.frames.size() >= 10);
            long dropped = model.sessions().stats().framesDropped();
            model.sessions().command("shade", JSON.readTree("{\"value\":200}")).get(10, TimeUnit.SECONDS);
            long flushed = System.nanoTime();
            await().until(() -> model.frames.stream().filter(f -> f.releasedNanos() > flushed).count() >= 20);

            // The queued frames (a full queue: the model runs unmeasured) were dropped; at most the one
            // frame the model was sending while the command ran can still show the old shade.
            var after = model.frames.stream().filter(f -> f.releasedNanos() > flushed).toList();
            long stale = after.stream().filter(f -> (f.rgb()[0] & 0xff) != 200).count();
            assertThat(stale).as("old frames shown after the flush").isLessThanOrEqualTo(1);
            assertThat(after.get(after.size() - 1).rgb()[0] & 0xff).isEqualTo(200);
            assertThat(model.sessions().stats().framesDropped() - dropped).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closingEndsTheChildProcess() throws Exception {
        HostedModel model = new HostedModel(PythonSupport.MODELS.resolve("faults"), PythonSupport.options());
        model.sessions().start();
        await().until(() -> model.hasMessage("hello"));
        ProcessHandle child = ProcessHandle.of(model.python().pid()).orElseThrow();
        model.close();
        assertThat(child.isAlive()).isFalse();
        assertThat(model.python().status().state()).isEqualTo(BridgeStatus.State.CLOSED);
        assertThat(model.messages).anyMatch(m -> "cleanup".equals(m.path("type").asText()));
    }
}
