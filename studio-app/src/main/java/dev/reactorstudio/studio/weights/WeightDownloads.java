package dev.reactorstudio.studio.weights;

import java.nio.file.Path;

/**
 * The seam to the weights registry: starts a download and reports progress. The studio's
 * adapter over the engine's registry implements it; until then the Weights view shows statuses
 * only and says why Download is off.
 */
public interface WeightDownloads {

    /** Progress of one weight; called on any thread, so implementations of the listener must hand over to the FX thread. */
    interface Listener {
        void progress(String weight, long bytes, long totalBytes, double bytesPerSecond, long etaSeconds);

        void finished(String weight, Path folder);

        void failed(String weight, String plainWords);
    }

    /** A running download. */
    interface Handle {
        /** Stops it; the partial files stay, so a later start resumes. */
        void cancel();
    }

    Handle start(String weight, RegistrySettings settings, Listener listener);
}
