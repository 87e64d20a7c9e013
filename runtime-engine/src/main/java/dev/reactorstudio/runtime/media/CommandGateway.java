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

    /** What became of a command. */
    public record Outcome(Status status, List<String> problems) {
        public enum Status {
            ACCEPTED, INVALID, NO_SESSION,
            /** The session already holds {@code --max-queued-commands} for a busy model: refused, not queued. */
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
        try {
            CompletableFuture<Object> call = sessions.command(name, args, files);
            // A full queue refuses at once (the future is already failed): tell the sender, as the HTTP API's 429 does.
            if (call.isCompletedExceptionally()) {
                Throwable refusal = call.handle((ok, error) -> error).join();
                Throwable cause = refusal instanceof CompletionException ? refusal.getCause() : refusal;
                if (cause instanceof CommandQueueFullException full) {
                    LOG.info("Refused command {}: {}", name, full.getMessage());
                    return new Outcome(Outcome.Status.QUEUE_FULL, List.of(full.getMessage()));
                }
            }
            call.whenComplete((result, error) -> {
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
