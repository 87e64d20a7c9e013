package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.studio.preview.media.FeedStatus;
import dev.reactorstudio.studio.preview.media.InputFeeds;
import dev.reactorstudio.studio.preview.media.InputSource;
import dev.reactorstudio.studio.preview.media.WebcamDevices;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * One declared input in the Preview: its name and kind, where it comes from (None, Webcam with its
 * device, Video file, Image; None, Audio file, Microphone for sound), the file's path with a
 * chooser, and what the feed says — what plays, or why it cannot, in words.
 */
final class InputRow extends VBox {
    private final TrackSpec track;
    private final InputFeeds feeds;
    private final Supplier<List<WebcamDevices.Device>> webcams;
    private final ComboBox<InputSource.Kind> kind = new ComboBox<>();
    private final ComboBox<WebcamDevices.Device> device = new ComboBox<>();
    private final TextField path = new TextField();
    private final Button choose = new Button("Choose…");
    private final Label status = new Label();
    /** The path typed or chosen per kind: switching Image → Video file → Image keeps the image. */
    private final Map<InputSource.Kind, String> paths = new EnumMap<>(InputSource.Kind.class);

    InputRow(TrackSpec track, InputFeeds feeds, Supplier<List<WebcamDevices.Device>> webcams) {
        super(2);
        this.track = track;
        this.feeds = feeds;
        this.webcams = webcams;
        String id = "input-" + track.name();
        setId(id);
        getStyleClass().add("preview-media-row");
        Label name = new Label(track.name());
        name.getStyleClass().add("preview-media-name");
        name.setTooltip(new javafx.scene.control.Tooltip(track.kind().wireName() + " input declared in manifest.json"));
        kind.setId(id + "-source");
        kind.getItems().setAll(InputSource.Kind.forTrack(track.kind()));
        kind.setValue(InputSource.Kind.NONE);
        device.setId(id + "-device");
        device.setPromptText("no webcam");
        path.setId(id + "-file");
        path.setPromptText(track.isVideo() ? "path of a video or image" : "path of a WAV, FLAC, MP3…");
        path.setPrefColumnCount(16);
        choose.setId(id + "-choose");
        status.setId(id + "-status");
        status.getStyleClass().add("input-status");
        // Under the controls, at the row's width: a long reason wraps instead of widening the Preview.
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());
        FlowPane controls = new FlowPane(6, 4, name, kind, device, path, choose);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(controls, status);
        kind.valueProperty().addListener((o, was, now) -> kindChosen(now));
        device.valueProperty().addListener((o, was, now) -> {
            if (kind.getValue() == InputSource.Kind.WEBCAM && now != null) {
                feeds.choose(track.name(), InputSource.webcam(now.path()));
            }
        });
        path.setOnAction(e -> applyPath());
        choose.setOnAction(e -> pickFile());
        showControls(InputSource.Kind.NONE);
    }

    private void kindChosen(InputSource.Kind chosen) {
        showControls(chosen);
        switch (chosen) {
            case NONE, MICROPHONE -> feeds.choose(track.name(), chosen == InputSource.Kind.NONE ? InputSource.NONE : InputSource.microphone());
            case WEBCAM -> {
                List<WebcamDevices.Device> found = webcams.get();
                device.getItems().setAll(found);
                device.setDisable(found.isEmpty());
                if (found.isEmpty()) {
                    feeds.choose(track.name(), InputSource.webcam(null)); // says there is none, and what to do
                } else if (device.getValue() == null || !found.contains(device.getValue())) {
                    device.setValue(found.get(0)); // feeds it
                } else {
                    feeds.choose(track.name(), InputSource.webcam(device.getValue().path()));
                }
            }
            case VIDEO_FILE, IMAGE, AUDIO_FILE -> {
                path.setText(paths.getOrDefault(chosen, ""));
                applyPath();
            }
        }
    }

    private void showControls(InputSource.Kind chosen) {
        boolean webcam = chosen == InputSource.Kind.WEBCAM;
        boolean file = chosen.takesFile();
        device.setVisible(webcam);
        device.setManaged(webcam);
        path.setVisible(file);
        path.setManaged(file);
        choose.setVisible(file);
        choose.setManaged(file);
    }

    private void applyPath() {
        InputSource.Kind chosen = kind.getValue();
        if (!chosen.takesFile()) {
            return;
        }
        String text = path.getText().strip();
        paths.put(chosen, text);
        feeds.choose(track.name(), text.isEmpty() ? new InputSource(chosen, null) : InputSource.file(chosen, Path.of(text)));
    }

    private void pickFile() {
        FileChooser chooser = new FileChooser();
        InputSource.Kind chosen = kind.getValue();
        chooser.setTitle(chosen.label() + " for " + track.name());
        chooser.getExtensionFilters().add(switch (chosen) {
            case IMAGE -> new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp");
            case VIDEO_FILE -> new FileChooser.ExtensionFilter("Videos", "*.mp4", "*.webm", "*.mkv", "*.mov", "*.avi", "*.gif");
            default -> new FileChooser.ExtensionFilter("Sound", "*.wav", "*.flac", "*.mp3", "*.ogg", "*.opus", "*.m4a");
        });
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        String current = path.getText().strip();
        if (!current.isEmpty() && new File(current).getParentFile() != null && new File(current).getParentFile().isDirectory()) {
            chooser.setInitialDirectory(new File(current).getParentFile());
        }
        File picked = chooser.showOpenDialog(dev.reactorstudio.studio.common.Dialogs.chooserOwner(getScene().getWindow()));
        if (picked != null) {
            path.setText(picked.getAbsolutePath());
            applyPath();
        }
    }

    /** What the feed says now (FX thread). */
    void show(FeedStatus feed) {
        status.setText(feed.text());
        status.getStyleClass().removeAll("input-error", "input-playing");
        if (feed.state() == FeedStatus.State.FAILED) {
            status.getStyleClass().add("input-error");
        } else if (feed.state() == FeedStatus.State.PLAYING) {
            status.getStyleClass().add("input-playing");
        }
    }

    String trackName() {
        return track.name();
    }
}
