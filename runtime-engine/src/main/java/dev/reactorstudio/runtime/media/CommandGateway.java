package dev.reactorstudio.runtime.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.session.CommandQueueFullException;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.NoActiveSessionException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.upload.UploadStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /**
     * What became of a command. {@code problems} says why a refused one was refused: the schema's
     * problems ({@code INVALID}), or the one sentence a full queue is refused with on every
     * transport ({@code QUEUE_FULL}: the {@link CommandQueueFullException} message, naming
     * {@code --max-queued-commands}).
     */
    public record Outcome(Status status, List<String> problems) {
        public enum Status {
            ACCEPTED, INVALID, NO_SESSION, QUEUE_FULL
        }

        /** Refused before validation (a bad upload reference); the model was not touched. */
        public static Outcome invalid(List<String> problems) {
            return new Outcome(Status.INVALID, problems);
        }

        static Outcome ok() {
            return new Outcome(Status.ACCEPTED, List.of());
        }

        public boolean accepted() {
            return status == Status.ACCEPTED;
        }

        /** What a transport tells the sender of a refused command (its {@code commandError} message). */
        public String refusal(String command) {
            return switch (status) {
                case ACCEPTED -> "";
                case NO_SESSION -> "no session is running";
                case QUEUE_FULL -> problems.get(0);
                case INVALID -> "invalid command \"" + command + "\"";
            };
        }

        /** The problems listed under the refusal (none for a full queue: its message says it all). */
        public List<String> details() {
            return status == Status.QUEUE_FULL ? List.of() : problems;
        }
    }

    private final SessionManager sessions;

    public CommandGateway(SessionManager sessions) {
        this.sessions = sessions;
    }

    /** The session manager's uploads, which a transport resolves a call's file references against. */
    public UploadStore uploads() {
        return sessions.uploads();
    }

    public Outcome dispatch(String name, JsonNode args) {
        return dispatch(name, args, Map.of());
    }

    /**
     * @param files the call's uploads, already resolved and authorised for this client
     * @return {@code QUEUE_FULL} when the session's command queue had no room (the session refuses
     *         at once, so the answer is known here); the model never sees such a call
     */
    public Outcome dispatch(String name, JsonNode args, Map<String, UploadedFile> files) {
        try {
            CompletableFuture<Object> result = sessions.command(name, args, files);
            if (result.isCompletedExceptionally()) {
                Throwable cause = result.handle((value, error) -> error).join();
                cause = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
                if (cause instanceof CommandQueueFullException full) {
                    LOG.debug("Refused command {}: {}", name, full.getMessage());
                    return new Outcome(Outcome.Status.QUEUE_FULL, List.of(full.getMessage()));
                }
            }
            // The handler reports every failure; nothing waits on the chained future.
            var unused = result.whenComplete((value, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    LOG.info("Command {} failed in the model: {}", name, cause.getMessage());
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
