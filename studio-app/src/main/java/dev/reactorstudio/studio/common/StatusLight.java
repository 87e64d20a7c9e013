package dev.reactorstudio.studio.common;

import javafx.scene.shape.Circle;

/** A coloured dot: grey off, amber busy, green up, red failed (colours come from the theme's CSS). */
public final class StatusLight extends Circle {

    public enum Light { OFF, BUSY, UP, FAILED }

    public StatusLight() {
        super(6);
        getStyleClass().add("status-light");
        show(Light.OFF);
    }

    public void show(Light light) {
        getStyleClass().removeIf(c -> c.startsWith("light-"));
        getStyleClass().add("light-" + light.name().toLowerCase(java.util.Locale.ROOT));
    }
}
