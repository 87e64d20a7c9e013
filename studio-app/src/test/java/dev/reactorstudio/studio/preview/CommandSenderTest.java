package dev.reactorstudio.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command panel reports the runtime's own answer: rejections with each problem, or why nothing was sent. */
class CommandSenderTest {
    private final SessionManager sessions = new SessionManager(new IdleModel(),
            (name, args) -> {
                throw new InvalidCommandException("invalid " + name, List.of("speed: 12 > maximum 10"));
            }, SessionSettings.defaults());
    private final List<CommandSender.Outcome> outcomes = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.stop(EndReason.STOPPED);
        sessions.close();
    }

    @Test
    void aRejectedCommandShowsEveryProblem() throws Exception {
        sessions.start();
        new CommandSender(() -> sessions).send("set_speed", JsonNodeFactory.instance.objectNode().put("speed", 12), outcomes::add);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.ok()).isFalse();
            assertThat(o.message()).isEqualTo("rejected: speed: 12 > maximum 10");
        });
    }

    @Test
    void withoutASessionItSaysToConnectAndWithoutAModelToRun() {
        new CommandSender(() -> sessions).send("set_speed", JsonNodeFactory.instance.objectNode(), outcomes::add);
        new CommandSender(() -> null).send("set_speed", JsonNodeFactory.instance.objectNode(), outcomes::add);
        assertThat(outcomes).extracting(CommandSender.Outcome::message)
                .containsExactly("no session is running — Connect first", "Run the model first");
    }

    /** A model that idles until asked to stop. */
    public static final class IdleModel extends VideoModel {
        @Override
        public void startSession() throws Exception {
            var ctx = Reactor.ctx();
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        }
    }
}
