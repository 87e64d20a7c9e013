package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.NoActiveSessionException;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.upload.UploadRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Sends a command through the session manager — the same validation every client gets — and
 * reports the outcome in words on the FX thread: accepted, rejected (with each problem), or why
 * it could not be sent. Files for file parameters go through the session's upload store first.
 */
final class CommandSender {

    /** What happened to one command. */
    record Outcome(boolean ok, String message) {}

    /** Whose uploads these are, for the store's per-client check. */
    private static final String OWNER = "studio";

    private final Supplier<SessionManager> sessions;

    CommandSender(Supplier<SessionManager> sessions) {
        this.sessions = sessions;
    }

    void send(String name, ObjectNode args, Consumer<Outcome> onFx) {
        send(name, args, Map.of(), onFx);
    }

    /**
     * @param files local files for the command's file parameters, uploaded first through the
     *              session's upload store (same size limit, sanitised names, deleted with the session)
     */
    void send(String name, ObjectNode args, Map<String, Path> files, Consumer<Outcome> onFx) {
        SessionManager manager = sessions.get();
        if (manager == null) {
            onFx.accept(new Outcome(false, "Run the model first"));
            return;
        }
        if (!files.isEmpty() && manager.current().isEmpty()) {
            onFx.accept(new Outcome(false, "no session is running — Connect first"));
            return;
        }
        try {
            Map<String, UploadedFile> uploaded = upload(manager, files);
            // The handler shows every outcome; nothing waits on the chained future.
            var unused = manager.command(name, args, uploaded).whenComplete((result, error) -> Platform.runLater(() -> onFx.accept(
                    error == null ? new Outcome(true, "sent " + args + (result == null ? "" : " → " + result))
                            : new Outcome(false, "the model threw: " + unwrap(error)))));
        } catch (InvalidCommandException e) {
            onFx.accept(new Outcome(false, "rejected: " + String.join("; ", e.problems())));
        } catch (NoActiveSessionException e) {
            onFx.accept(new Outcome(false, "no session is running — Connect first"));
        } catch (UploadRejectedException e) {
            onFx.accept(new Outcome(false, "upload refused: " + e.getMessage()));
        } catch (IOException e) {
            onFx.accept(new Outcome(false, "cannot read the file: " + e.getMessage()));
        }
    }

    /** Copies each file into the running session's upload folder (a local copy: small files are instant). */
    private static Map<String, UploadedFile> upload(SessionManager manager, Map<String, Path> files)
            throws UploadRejectedException, IOException {
        Map<String, UploadedFile> uploaded = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return uploaded;
        }
        Session session = manager.current().orElseThrow();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            try {
                uploaded.put(file.getKey(), manager.uploads().store(session.id(), OWNER, file.getValue(),
                        Files.probeContentType(file.getValue())));
            } catch (UploadRejectedException e) {
                throw new UploadRejectedException(e.status(), file.getKey() + ": " + e.getMessage());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(file.getKey() + ": no file " + file.getValue());
            }
        }
        return uploaded;
    }

    private static String unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
