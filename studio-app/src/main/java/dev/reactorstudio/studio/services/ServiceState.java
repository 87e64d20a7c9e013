package dev.reactorstudio.studio.services;

import dev.reactorstudio.studio.common.StatusLight;

/** Where the in-process services are, as the status lights show it. */
public enum ServiceState {
    STOPPED("stopped", StatusLight.Light.OFF),
    STARTING("starting", StatusLight.Light.BUSY),
    LOADING("loading model", StatusLight.Light.BUSY),
    UP("up", StatusLight.Light.UP),
    FAILED("failed", StatusLight.Light.FAILED),
    STOPPING("stopping", StatusLight.Light.BUSY);

    private final String words;
    private final StatusLight.Light light;

    ServiceState(String words, StatusLight.Light light) {
        this.words = words;
        this.light = light;
    }

    public String words() {
        return words;
    }

    public StatusLight.Light light() {
        return light;
    }

    /** True while Run may not be pressed again. */
    public boolean busy() {
        return this == STARTING || this == LOADING || this == UP || this == STOPPING;
    }
}
