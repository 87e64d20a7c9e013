package dev.reactorstudio.studio.weights;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.concurrent.Task;

/**
 * One download as a JavaFX {@link Task}, so ControlsFX's TaskProgressView can show it with its
 * progress bar, message (bytes, rate, ETA, current file) and cancel button. The task's thread only
 * waits; the registry does the transfer on its own threads and reports through the listener.
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
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Cancelled from the task view or the controller: stop the transfer; the row updates once it has stopped. */
    @Override
    protected void cancelled() {
        WeightDownloads.Handle h = handle;
        if (h != null) {
            h.cancel();
        } else {
            rows.cancelled(weight); // never started, so no download will report back
        }
    }

    @Override
    public void progress(WeightDownloads.Progress p) {
        updateProgress(p.fraction() >= 0 ? p.fraction() : -1, 1);
        String detail = describe(p);
        updateMessage(detail);
        rows.progress(p, detail);
    }

    /** E.g. {@code 3.2 MB of 8.0 MB · 4.1 MB/s · 1 s left · 1 of 3 files · model.bin}. */
    static String describe(WeightDownloads.Progress p) {
        if (p.note().isPresent()) {
            return p.note().get() + "…";
        }
        StringBuilder s = new StringBuilder(Sizes.human(p.bytes()));
        if (p.totalBytes() >= 0) {
            s.append(" of ").append(Sizes.human(p.totalBytes()));
        }
        if (p.bytesPerSecond() > 0) {
            s.append(" · ").append(Sizes.human((long) p.bytesPerSecond())).append("/s");
        }
        if (p.etaSeconds() >= 0 && p.bytesPerSecond() > 0 && p.bytes() < p.totalBytes()) {
            // Whole seconds round down: never say "0 s left" while bytes remain.
            s.append(" · ").append(Sizes.duration(Math.max(1, p.etaSeconds()))).append(" left");
        }
        if (p.filesTotal() > 0) {
            s.append(" · ").append(p.filesDone()).append(" of ").append(p.filesTotal()).append(" files");
            if (p.filesDone() < p.filesTotal()) {
                p.currentFile().ifPresent(f -> s.append(" · ").append(f));
            }
        }
        return s.toString();
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

    @Override
    public void cancelled(String name) {
        rows.cancelled(name);
        done.completeExceptionally(new CancellationException("cancelled"));
    }
}
