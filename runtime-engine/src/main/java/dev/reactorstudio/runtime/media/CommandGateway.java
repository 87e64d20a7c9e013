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
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
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
        public enum Status {
            ACCEPTED, INVALID, NO_SESSION,
            /** Kept for callers that switch on it; a full queue is reported through {@code onQueueFull}. */
            QUEUE_FULL
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

    /** @param files the call's uploads, already resolved and authorised for this client */
    public Outcome dispatch(String name, JsonNode args, Map<String, UploadedFile> files) {
        return dispatch(name, args, files, reason -> { });
    }

    /**
     * As above; {@code onQueueFull} hears, with the reason, of a valid call refused after this
     * returned because the session's command queue was full (the model never saw it).
     */
    public Outcome dispatch(String name, JsonNode args, Map<String, UploadedFile> files, Consumer<String> onQueueFull) {
        try {
            // The handler reports every failure; nothing waits on the chained future.
            var unused = sessions.command(name, args, files).whenComplete((result, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof CommandQueueFullException full) {
                    onQueueFull.accept(full.getMessage());
                } else if (cause != null) {
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
