package dev.reactorstudio.studio.preview;

import dev.reactorstudio.studio.preview.media.AudioLevel;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/**
 * A horizontal level bar on a dB scale ({@value AudioLevel#FLOOR_DB}..0 dBFS): the RMS as a bar that
 * rises at once and falls smoothly, and the peak as a thin mark that holds briefly — what a
 * mixer's meter does, so a tone reads as a steady bar and a click as a mark.
 */
public final class LevelMeter extends Pane {
    static final double WIDTH = 160;
    private static final double HEIGHT = 10;
    /** Per update (50 ms): the bar falls the full scale in a second, the peak mark in two. */
    private static final double BAR_FALL = 0.05;
    private static final double PEAK_FALL = 0.025;

    private final Rectangle bar = new Rectangle(0, HEIGHT);
    private final Rectangle peakMark = new Rectangle(2, HEIGHT);
    private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper(0);
    private double peak;

    LevelMeter() {
        getStyleClass().add("level-meter");
        bar.getStyleClass().add("level-meter-bar");
        peakMark.getStyleClass().add("level-meter-peak");
        Rectangle track = new Rectangle(WIDTH, HEIGHT);
        track.getStyleClass().add("level-meter-track");
        getChildren().addAll(track, bar, peakMark);
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
    }

    /** Shows the level of the last 50 ms (FX thread). */
    void show(AudioLevel reading) {
        double rms = AudioLevel.meterPosition(reading.rms());
        level.set(rms >= level.get() ? rms : Math.max(rms, level.get() - BAR_FALL));
        double p = AudioLevel.meterPosition(reading.peak());
        peak = p >= peak ? p : Math.max(p, peak - PEAK_FALL);
        bar.setWidth(level.get() * WIDTH);
        peakMark.setX(Math.max(0, Math.min(WIDTH - 2, peak * WIDTH - 1)));
        peakMark.setVisible(peak > 0);
    }

    /** The bar's position, 0 (silence or below {@value AudioLevel#FLOOR_DB} dBFS) to 1 (full scale). */
    public ReadOnlyDoubleProperty level() {
        return level.getReadOnlyProperty();
    }
}
