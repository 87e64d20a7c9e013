package dev.reactorstudio.studio.weights;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One weight in the table; FX thread only. Progress is -1 when unknown, 0..1 otherwise. */
public final class WeightRow {
    private final String name;
    private final ObjectProperty<WeightState> state = new SimpleObjectProperty<>(WeightState.MISSING);
    private final LongProperty bytes = new SimpleLongProperty(0);
    private final LongProperty totalBytes = new SimpleLongProperty(-1);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty detail = new SimpleStringProperty("");

    public WeightRow(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ObjectProperty<WeightState> state() {
        return state;
    }

    /** Bytes on disk (or downloaded so far). */
    public LongProperty bytes() {
        return bytes;
    }

    /** Full size when known, else -1. */
    public LongProperty totalBytes() {
        return totalBytes;
    }

    public DoubleProperty progress() {
        return progress;
    }

    /** Where it is, rate and ETA, or the error in plain words. */
    public StringProperty detail() {
        return detail;
    }
}
