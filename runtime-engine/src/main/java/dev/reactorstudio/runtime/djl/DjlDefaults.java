package dev.reactorstudio.runtime.djl;

/**
 * Settings DJL reads when its engine first starts. Deliberately free of DJL types: the host calls
 * this before every model load, and a plain model must not load DJL because of it.
 */
public final class DjlDefaults {
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private DjlDefaults() {}

    /**
     * Offline unless the user said otherwise ({@code DJL_OFFLINE}, {@code -Dai.djl.offline} or the
     * legacy {@code -Doffline}). The PyTorch natives come from the class path; an online DJL would
     * instead try to download libtorch when {@code PYTORCH_VERSION} or {@code PYTORCH_FLAVOR} point
     * elsewhere, which hangs or fails on machines without internet. A CUDA libtorch is selected
     * with {@code PYTORCH_LIBRARY_PATH} instead (see docs/djl.md).
     */
    public static void apply() {
        // DJL reads the process environment itself, so that is the one to consult.
        boolean userChose = System.getenv("DJL_OFFLINE") != null || System.getProperty(OFFLINE_PROPERTY) != null
                || System.getProperty("offline") != null;
        if (!userChose) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }
}
