package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.manifest.Manifest;
import dev.reactorstudio.runtime.model.CommandSpec;
import dev.reactorstudio.runtime.session.MessageSink;
import dev.reactorstudio.runtime.session.ReportedValues;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Preview does, without its widgets: plugs the frame tap and the message log into the
 * running model's session manager, connects, and writes snapshots and recordings. Owns the
 * {@code studio-capture} thread that writes PNGs. FX thread unless noted.
 */
public final class PreviewController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewController.class);
    private final FrameTap tap = new FrameTap();
    private final MessageLog messages;
    private final PreviewSession session = new PreviewSession();
    private final CommandSender sender = new CommandSender(session::manager);
    private final ObjectProperty<Commands> commands = new SimpleObjectProperty<>(Commands.NONE);
    /** The model's reported current values, newest first seen on the FX thread. */
    private final ObjectProperty<JsonNode> reported = new SimpleObjectProperty<>(JsonNodeFactory.instance.objectNode());
    private final MessageSink stateMessages = (sessionId, message) -> {
        if (ReportedValues.STATE_TYPE.equals(message.path("type").asText(null))) {
            SessionManager manager = session.manager();
            if (manager != null) {
                JsonNode values = manager.reportedValues();
                javafx.application.Platform.runLater(() -> reported.set(values));
            }
        }
    };
    private final ObjectProperty<Path> lastCapture = new SimpleObjectProperty<>();
    private final BooleanProperty recording = new SimpleBooleanProperty(false);
    /** What the Preview says while a model loads ("Loading hello-pattern…"); empty otherwise. */
    private final javafx.beans.property.StringProperty loading = new javafx.beans.property.SimpleStringProperty("");
    private final Supplier<Path> capturesFolder;
    private final ExecutorService capture = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-capture");
        t.setDaemon(true);
        return t;
    });
    private String modelName = "preview";
    private double fps = Manifest.DEFAULT_FPS;
    private Mp4Recorder recorder;

    /**
     * What the command panel shows: the model (name and version; empty when none runs), its
     * commands, and what their controls start from.
     */
    record Commands(String model, List<CommandSpec> commands, JsonNode reported, JsonNode manifestArgs) {
        static final Commands NONE = new Commands("", List.of(), JsonNodeFactory.instance.objectNode(), null);
    }

    public PreviewController(MessageLog messages, Supplier<Path> capturesFolder) {
        this.messages = messages;
        this.capturesFolder = capturesFolder;
    }

    /** The model is loaded: tap its frames and messages and offer its commands. */
    public void attach(ModelHost host) {
        SessionManager manager = host.sessions().orElseThrow();
        messages.clear(); // the previous model's messages are not this one's
        manager.addFrameSink(tap);
        manager.addMessageSink(messages);
        manager.addMessageSink(stateMessages);
        session.attach(manager);
        host.manifest().ifPresent(m -> {
            modelName = m.modelName();
            fps = m.fps();
        });
        JsonNode values = manager.reportedValues();
        reported.set(values);
        commands.set(new Commands(host.manifest().map(m -> m.modelName() + " " + m.modelVersion()).orElse(host.folder().getFileName().toString()),
                host.model().map(m -> m.commands().commands()).orElse(List.of()), values,
                host.manifest().map(Manifest::args).orElse(null)));
        capture.execute(Mp4Recorder::preload);
    }

    /** The services stopped: the manager is gone with them. */
    public void detach() {
        if (recording.get()) {
            // Nobody is left to show the outcome: a recording that cannot be finished is logged.
            stopRecording().exceptionally(e -> {
                LOG.warn("The recording could not be finished when the services stopped", e);
                return null;
            });
        }
        SessionManager manager = session.manager();
        if (manager != null) {
            manager.removeFrameSink(tap);
            manager.removeMessageSink(messages);
            manager.removeMessageSink(stateMessages);
        }
        session.detach();
        commands.set(Commands.NONE);
    }

    public void connect() {
        session.connect();
    }

    public void disconnect() {
        session.disconnect();
    }

    public ReadOnlyBooleanProperty connected() {
        return session.connected();
    }

    /** Writes the newest frame as a PNG into the captures folder. */
    public CompletableFuture<Path> snapshot() {
        Frame frame = tap.latest().orElse(null);
        if (frame == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no frame yet — Connect first"));
        }
        Path file = CaptureNames.next(capturesFolder.get(), modelName, "png");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SnapshotWriter.write(frame, file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }, capture).whenComplete((path, error) -> javafx.application.Platform.runLater(() -> {
            if (path != null) {
                lastCapture.set(path);
            }
        }));
    }

    /** Starts recording at the current frame size; false when there is no frame yet. */
    public boolean startRecording() {
        Frame frame = tap.latest().orElse(null);
        if (frame == null || recording.get() || session.manager() == null) {
            return false; // nothing runs: the last frame would be the whole recording
        }
        recorder = Mp4Recorder.start(CaptureNames.next(capturesFolder.get(), modelName, "mp4"), frame.width(), frame.height(), fps);
        tap.forwardTo(recorder);
        recording.set(true);
        return true;
    }

    public CompletableFuture<Mp4Recorder.Result> stopRecording() {
        if (recorder == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not recording"));
        }
        tap.forwardTo(null);
        Mp4Recorder finishing = recorder;
        recorder = null;
        recording.set(false);
        return finishing.stop().whenComplete((result, error) -> javafx.application.Platform.runLater(() -> {
            if (result != null) {
                lastCapture.set(result.file());
            }
        }));
    }

    /** Set by Run while the model loads; the Preview shows it over the screen. */
    public javafx.beans.property.StringProperty loading() {
        return loading;
    }

    public ReadOnlyBooleanProperty recording() {
        return recording;
    }

    /** The last snapshot or recording written. */
    public ObjectProperty<Path> lastCapture() {
        return lastCapture;
    }

    /** Frames delivered by the session manager so far (the studio tour measures with it). */
    public long statsForTour() {
        SessionManager manager = session.manager();
        return manager == null ? 0 : manager.stats().framesDelivered();
    }

    FrameTap tap() {
        return tap;
    }

    PreviewSession session() {
        return session;
    }

    CommandSender sender() {
        return sender;
    }

    ObjectProperty<Commands> commands() {
        return commands;
    }

    /** The model's current values as it last reported them (FX thread). */
    ObjectProperty<JsonNode> reported() {
        return reported;
    }

    SessionManager manager() {
        return session.manager();
    }

    @Override
    public void close() {
        if (recorder != null) {
            try {
                stopRecording().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway; the recorder logged what went wrong
            }
        }
        capture.shutdown();
    }
}
