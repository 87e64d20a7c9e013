package dev.reactorstudio.runtime.host;

/** Where the hosted model is in its life: loading (manifest, weights, constructor), ready, or failed to load. */
public enum HostState {
    LOADING, READY, FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
