package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.NoActiveSessionException;
import dev.reactorstudio.runtime.session.SessionManager;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Sends a command through the session manager — the same validation every client gets — and
 * reports the outcome in words on the FX thread: accepted, rejected (with each problem), or why
 * it could not be sent.
 */
final class CommandSender {

    /** What happened to one command. */
    record Outcome(boolean ok, String message) {}

    private final Supplier<SessionManager> sessions;

    CommandSender(Supplier<SessionManager> sessions) {
        this.sessions = sessions;
    }

    void send(String name, ObjectNode args, Consumer<Outcome> onFx) {
        SessionManager manager = sessions.get();
        if (manager == null) {
            onFx.accept(new Outcome(false, "Run the model first"));
            return;
        }
        try {
            manager.command(name, args).whenComplete((result, error) -> Platform.runLater(() -> onFx.accept(
                    error == null ? new Outcome(true, "sent " + args + (result == null ? "" : " → " + result))
                            : new Outcome(false, "the model threw: " + unwrap(error)))));
        } catch (InvalidCommandException e) {
            onFx.accept(new Outcome(false, "rejected: " + String.join("; ", e.problems())));
        } catch (NoActiveSessionException e) {
            onFx.accept(new Outcome(false, "no session is running — Connect first"));
        }
    }

    private static String unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
