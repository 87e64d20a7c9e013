package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.Manifest;
import dev.reactorstudio.runtime.model.CommandSpec;
import dev.reactorstudio.runtime.session.MessageSink;
import dev.reactorstudio.runtime.session.ReportedValues;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.studio.preview.media.AudioMonitor;
import dev.reactorstudio.studio.preview.media.FeedStatus;
import dev.reactorstudio.studio.preview.media.InputFeeds;
import dev.reactorstudio.studio.preview.media.SpeakerOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Preview does, without its widgets: plugs the frame tap and the message log into the
 * running model's session manager, connects, and writes snapshots and recordings; feeds the model's
 * declared inputs ({@link InputFeeds}) and taps its audio output into the meter and the speaker.
 * Owns the {@code studio-capture} thread that writes PNGs and the speaker. FX thread unless noted.
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
    /** The running model's declared tracks (FX thread); the default (one video output) while none runs. */
    private final ObjectProperty<DeclaredTracks> tracks = new SimpleObjectProperty<>(DeclaredTracks.DEFAULT);
    /** Each input's feed status, on the FX thread. */
    private final ObservableMap<String, FeedStatus> feedStatuses = FXCollections.observableHashMap();
    private final InputFeeds feeds = new InputFeeds((track, status) -> Platform.runLater(() -> feedStatuses.put(track, status)));
    /** Why nothing is heard (no output device), empty when the speaker plays. */
    private final StringProperty audioNote = new SimpleStringProperty("");
    private final SpeakerOutput speaker = new SpeakerOutput(note -> Platform.runLater(() -> audioNote.set(note)));
    private final AudioMonitor audio = new AudioMonitor(speaker);
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
        DeclaredTracks declared = manager.settings().tracks();
        feedStatuses.clear();
        feeds.attach(manager);
        if (declared.audioOutput().isPresent()) {
            manager.addAudioSink(audio);
            String note = SpeakerOutput.probe();
            audioNote.set(note == null ? "" : note);
        }
        tracks.set(declared);
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
            manager.removeAudioSink(audio);
        }
        feeds.detach();
        speaker.silence();
        tracks.set(DeclaredTracks.DEFAULT);
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
        feeds.detach();
        speaker.close();
        capture.shutdown();
    }

    /** The running model's declared tracks (FX thread). */
    ObjectProperty<DeclaredTracks> tracks() {
        return tracks;
    }

    /** The declared inputs of the session that runs now, if one does. */
    public java.util.Optional<dev.reactorstudio.runtime.session.SessionInputs> runningInputs() {
        SessionManager manager = session.manager();
        return manager == null ? java.util.Optional.empty() : manager.current().map(s -> s.inputs());
    }

    /** The sources feeding the running model's inputs. */
    public InputFeeds feeds() {
        return feeds;
    }

    ObservableMap<String, FeedStatus> feedStatuses() {
        return feedStatuses;
    }

    /** The tap on the model's audio output: level and mute. */
    public AudioMonitor audio() {
        return audio;
    }

    StringProperty audioNote() {
        return audioNote;
    }
}
