package dev.reactorstudio.runtime.djl;

/**
 * Settings DJL reads when its engine first starts. Deliberately free of DJL types: the host calls
 * this before every model load, and a plain model must not load DJL because of it.
 */
public final class DjlDefaults {
    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

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
        // libgomp's idle workers spin unless OMP_WAIT_POLICY=PASSIVE was in the environment at JVM
        // start (bin/reactor sets it). A launcher that did not set it (an IDE, the studio's
        // installer) gets one intra-op thread instead: no workers, nothing spinning.
        if (System.getenv("OMP_WAIT_POLICY") == null && System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, "1");
        }
    }
}
