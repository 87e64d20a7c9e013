package dev.reactorstudio.studio.weights;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import javafx.concurrent.Task;

/**
 * One download as a JavaFX {@link Task}, so ControlsFX's TaskProgressView can show it with its
 * progress bar, message (rate, ETA) and cancel button. The task's thread only waits; the registry
 * does the transfer on its own threads and reports through the listener.
 */
final class DownloadTask extends Task<Path> implements WeightDownloads.Listener {
    private final String weight;
    private final WeightDownloads downloads;
    private final RegistrySettings settings;
    private final WeightsController.RowUpdater rows;
    private final CompletableFuture<Path> done = new CompletableFuture<>();
    private volatile WeightDownloads.Handle handle;

    DownloadTask(String weight, WeightDownloads downloads, RegistrySettings settings, WeightsController.RowUpdater rows) {
        this.weight = weight;
        this.downloads = downloads;
        this.settings = settings;
        this.rows = rows;
        updateTitle(weight);
        updateMessage("starting…");
    }

    @Override
    protected Path call() throws Exception {
        handle = downloads.start(weight, settings, this);
        try {
            return done.get();
        } catch (InterruptedException e) {
            handle.cancel();
            throw new CancellationException("cancelled");
        }
    }

    @Override
    protected void cancelled() {
        WeightDownloads.Handle h = handle;
        if (h != null) {
            h.cancel();
        }
        rows.cancelled(weight);
    }

    @Override
    public void progress(String name, long bytes, long totalBytes, double bytesPerSecond, long etaSeconds) {
        updateProgress(bytes, totalBytes > 0 ? totalBytes : -1);
        String detail = Sizes.human(bytes) + (totalBytes > 0 ? " of " + Sizes.human(totalBytes) : "")
                + " · " + Sizes.human((long) bytesPerSecond) + "/s" + (etaSeconds >= 0 ? " · " + Sizes.duration(etaSeconds) + " left" : "");
        updateMessage(detail);
        rows.progress(name, bytes, totalBytes, detail);
    }

    @Override
    public void finished(String name, Path folder) {
        rows.finished(name, folder);
        done.complete(folder);
    }

    @Override
    public void failed(String name, String plainWords) {
        rows.failed(name, plainWords);
        done.completeExceptionally(new IllegalStateException(plainWords));
    }
}
