package dev.reactorstudio.studio.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Weights view's logic: one row per manifest weight, refreshed from disk on the owned
 * {@code studio-weights} thread, and downloads through {@link WeightDownloads} run as tasks (each
 * waiting on a {@code studio-weights-download-N} thread) whose progress flows into the rows and the
 * overall bar. FX thread unless noted.
 */
public final class WeightsController implements AutoCloseable {

    /** How download tasks report back to the rows (any thread). */
    interface RowUpdater {
        void progress(WeightDownloads.Progress progress, String detail);

        void finished(String weight, Path folder);

        void failed(String weight, String plainWords);

        void cancelled(String weight);
    }

    private final ObservableList<WeightRow> rows = FXCollections.observableArrayList();
    private final ObservableList<javafx.concurrent.Task<?>> tasks = FXCollections.observableArrayList();
    private final DoubleProperty overall = new SimpleDoubleProperty(0);
    private final RegistrySettings settings;
    private final Optional<WeightDownloads> downloads;
    private final Map<String, DownloadTask> running = new HashMap<>();
    private final Map<String, String> environment;
    /** Disk scans, one at a time and in order. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-weights");
        t.setDaemon(true);
        return t;
    });
    /** Download tasks; each only waits for its download, so they get threads of their own and never hold up a scan. */
    private final AtomicInteger taskThreads = new AtomicInteger();
    private final ExecutorService taskRunner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "studio-weights-download-" + taskThreads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private Path folder;
    private List<String> names = List.of();

    /**
     * @param environment what the disk status is read against ({@code REACTOR_CACHE_DIR}, {@code REACTOR_WEIGHTS_*})
     */
    public WeightsController(RegistrySettings settings, Optional<WeightDownloads> downloads, Map<String, String> environment) {
        this.settings = settings;
        this.downloads = downloads;
        this.environment = Map.copyOf(environment);
    }

    /** Shows the weights of a manifest and scans the disk for them. */
    public void show(Path modelFolder, List<String> weights) {
        folder = modelFolder;
        names = List.copyOf(weights);
        List<WeightRow> fresh = new ArrayList<>();
        weights.forEach(w -> fresh.add(new WeightRow(w)));
        rows.setAll(fresh);
        rescan();
    }

    public void rescan() {
        if (folder == null) {
            return;
        }
        Path scanned = folder;
        List<String> all = names;
        WeightScan scan = new WeightScan(scanned, environment);
        worker.execute(() -> {
            List<WeightScan.Result> results = all.stream().map(n -> scan.scan(n, all)).toList();
            Platform.runLater(() -> apply(results));
        });
    }

    private void apply(List<WeightScan.Result> results) {
        for (WeightScan.Result r : results) {
            row(r.name()).filter(row -> !running.containsKey(r.name())).ifPresent(row -> {
                row.state().set(r.state());
                row.bytes().set(r.bytes());
                row.totalBytes().set(r.expectedBytes().orElse(-1));
                row.progress().set(r.state().usable() ? 1 : 0);
                row.detail().set(r.problem() != null ? r.problem() : r.where() == null ? "" : r.where().toString());
            });
        }
        updateOverall();
    }

    public boolean canDownload() {
        return downloads.isPresent();
    }

    /** Starts (or resumes) every weight that is not usable yet. */
    public void pullAll() {
        rows.stream().filter(r -> !r.state().get().usable()).forEach(r -> download(r.name()));
    }

    public void download(String weight) {
        if (downloads.isEmpty() || running.containsKey(weight)) {
            return;
        }
        DownloadTask task = new DownloadTask(weight, downloads.get(), settings, new Updater());
        running.put(weight, task);
        row(weight).ifPresent(r -> {
            r.state().set(WeightState.DOWNLOADING);
            r.detail().set("starting…");
        });
        tasks.add(task);
        task.setOnSucceeded(e -> tasks.remove(task));
        task.setOnFailed(e -> tasks.remove(task));
        task.setOnCancelled(e -> tasks.remove(task));
        taskRunner.execute(task);
    }

    public void cancel(String weight) {
        DownloadTask task = running.get(weight);
        if (task != null) {
            task.cancel(true);
        }
    }

    private Optional<WeightRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private void updateOverall() {
        long done = 0;
        long total = 0;
        for (WeightRow r : rows) {
            long size = r.totalBytes().get() > 0 ? r.totalBytes().get() : r.bytes().get();
            total += size;
            done += r.state().get().usable() ? size : r.bytes().get();
        }
        overall.set(rows.isEmpty() ? 0 : total == 0 ? (rows.stream().allMatch(r -> r.state().get().usable()) ? 1 : 0)
                : (double) done / total);
    }

    public ObservableList<WeightRow> rows() {
        return rows;
    }

    public ObservableList<javafx.concurrent.Task<?>> tasks() {
        return tasks;
    }

    public DoubleProperty overall() {
        return overall;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Cancels running downloads (their partial files stay) and ends the studio-weights threads. */
    @Override
    public void close() {
        List.copyOf(running.values()).forEach(t -> t.cancel(true));
        worker.shutdownNow();
        taskRunner.shutdownNow();
    }

    /** Moves task reports onto the FX thread and into the rows. */
    private final class Updater implements RowUpdater {
        @Override
        public void progress(WeightDownloads.Progress p, String detail) {
            Platform.runLater(() -> row(p.weight()).filter(r -> running.containsKey(p.weight())).ifPresent(r -> {
                r.state().set(WeightState.DOWNLOADING);
                r.bytes().set(p.bytes());
                r.totalBytes().set(p.totalBytes());
                r.progress().set(p.fraction());
                r.detail().set(detail);
                updateOverall();
            }));
        }

        @Override
        public void finished(String weight, Path where) {
            Platform.runLater(() -> {
                running.remove(weight);
                row(weight).ifPresent(r -> {
                    r.state().set(WeightState.CACHED);
                    r.progress().set(1);
                    r.detail().set(where.toString());
                });
                rescan();
            });
        }

        @Override
        public void failed(String weight, String plainWords) {
            Platform.runLater(() -> {
                running.remove(weight);
                row(weight).ifPresent(r -> {
                    r.state().set(WeightState.FAILED);
                    r.detail().set(plainWords);
                    // The bar shows what arrived, never a full bar for a failure.
                    r.progress().set(r.totalBytes().get() > 0 ? Math.min(0.99, (double) r.bytes().get() / r.totalBytes().get()) : 0);
                });
                updateOverall();
            });
        }

        @Override
        public void cancelled(String weight) {
            Platform.runLater(() -> {
                running.remove(weight);
                rescan();
            });
        }
    }
}
