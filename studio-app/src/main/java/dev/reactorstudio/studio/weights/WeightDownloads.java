package dev.reactorstudio.studio.weights;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The seam to the weights registry: starts a download and reports progress.
 * {@link RegistryDownloads} implements it over the engine's registry; tests may plug in their own.
 */
public interface WeightDownloads {

    /**
     * One progress report of one weight.
     *
     * @param bytes          bytes done (bytes resumed from an earlier download count from the start)
     * @param totalBytes     the weight's full size; -1 while it is being listed
     * @param bytesPerSecond network rate over the last few seconds; 0 while unknown
     * @param etaSeconds     time left at that rate; -1 while unknown
     * @param currentFile    the file being fetched, relative to the weight's folder
     * @param note           what it is doing when not simply downloading ("listing", "waiting for …")
     */
    record Progress(String weight, long bytes, long totalBytes, double bytesPerSecond, long etaSeconds,
                    int filesDone, int filesTotal, Optional<String> currentFile, Optional<String> note) {

        /** 0..1, or -1 while the size is unknown. */
        public double fraction() {
            return totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : totalBytes == 0 ? 1.0 : -1;
        }
    }

    /** Reports of one download; called on any thread, so implementations must hand over to the FX thread. */
    interface Listener {
        void progress(Progress progress);

        void finished(String weight, Path folder);

        /** It failed; {@code plainWords} says what and what to do. */
        void failed(String weight, String plainWords);

        /** It stopped on {@link Handle#cancel()}; the partial files stay for a resume. */
        void cancelled(String weight);
    }

    /** A running download. */
    interface Handle {
        /** Stops it; the partial files stay, so a later start resumes. */
        void cancel();
    }

    /** Starts downloading {@code weight} (or resumes it) and returns at once; exactly one of finished/failed/cancelled follows. */
    Handle start(String weight, RegistrySettings settings, Listener listener);
}
