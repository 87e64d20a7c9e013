package dev.reactorstudio.studio.preview;

import dev.reactorstudio.studio.preview.media.AudioLevel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

/**
 * The model's audio output in the Preview: its track name, Mute, the level meter (read 20 times a
 * second on the FX thread) and, when this machine has no output device, a note that only the meter
 * works. Shown only while the running model declares an audio output.
 */
final class AudioBar extends javafx.scene.layout.VBox {
    private final LevelMeter meter = new LevelMeter();
    private final Label decibels = new Label("−∞ dB");
    private final Timeline ticker;

    AudioBar(PreviewController controller) {
        super(2);
        setId("audio-bar");
        getStyleClass().add("preview-media-row");
        Label name = new Label();
        name.setId("audio-track");
        name.getStyleClass().add("preview-media-name");
        name.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> controller.tracks().get().audioOutput()
                .map(t -> t.name()).orElse(""), controller.tracks()));
        ToggleButton mute = new ToggleButton("Mute");
        mute.setId("audio-mute");
        mute.selectedProperty().addListener((o, was, muted) -> {
            controller.audio().setMuted(muted);
            mute.setText(muted ? "Muted" : "Mute");
        });
        meter.setId("audio-level");
        decibels.setId("audio-db");
        decibels.setMinWidth(52);
        Label note = new Label();
        note.setId("audio-note");
        note.getStyleClass().add("preview-media-note");
        note.textProperty().bind(controller.audioNote());
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        FlowPane controls = new FlowPane(8, 4, name, mute, meter, decibels);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(controls, note);
        visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> controller.tracks().get().audioOutput().isPresent(), controller.tracks()));
        managedProperty().bind(visibleProperty());
        ticker = new Timeline(new KeyFrame(Duration.millis(50), e -> {
            AudioLevel level = controller.audio().take();
            meter.show(level);
            double shown = meter.level().get(); // the smoothed bar, so the number is readable
            decibels.setText(shown <= 0 ? "−∞ dB" : String.format("%.0f dB", AudioLevel.FLOOR_DB * (1 - shown)).replace('-', '−'));
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    LevelMeter meter() {
        return meter;
    }
}
