package dev.reactorstudio.runtime.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.NoActiveSessionException;
import dev.reactorstudio.runtime.session.SessionManager;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client commands from any transport (data channel, LiveKit data packet) into the model. The
 * session layer validates each call against the command schema before the model sees it; an
 * invalid call is rejected here and never reaches the model. Never blocks: the command itself
 * runs later on the session's command thread.
 */
public final class CommandGateway {
    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

    /** What became of a command. */
    public record Outcome(Status status, List<String> problems) {
        public enum Status { ACCEPTED, INVALID, NO_SESSION }

        static Outcome ok() {
            return new Outcome(Status.ACCEPTED, List.of());
        }

        public boolean accepted() {
            return status == Status.ACCEPTED;
        }
    }

    private final SessionManager sessions;

    public CommandGateway(SessionManager sessions) {
        this.sessions = sessions;
    }

    public Outcome dispatch(String name, JsonNode args) {
        try {
            sessions.command(name, args).whenComplete((result, error) -> {
                if (error != null) {
                    LOG.info("Command {} failed in the model: {}", name, error.getMessage());
                }
            });
            return Outcome.ok();
        } catch (InvalidCommandException e) {
            LOG.info("Rejected command {}: {}", name, e.problems());
            return new Outcome(Outcome.Status.INVALID, e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems());
        } catch (NoActiveSessionException e) {
            return new Outcome(Outcome.Status.NO_SESSION, List.of("no session is running"));
        }
    }
}
