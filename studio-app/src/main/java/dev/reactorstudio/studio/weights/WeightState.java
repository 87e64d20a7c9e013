package dev.reactorstudio.studio.weights;

/** Where one weight is, in the words the table shows. */
public enum WeightState {
    CACHED("cached"),
    LOCAL("local folder"),
    PARTIAL("partial"),
    MISSING("missing"),
    QUEUED("queued"),
    DOWNLOADING("downloading"),
    FAILED("failed");

    private final String words;

    WeightState(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean usable() {
        return this == CACHED || this == LOCAL;
    }
}
