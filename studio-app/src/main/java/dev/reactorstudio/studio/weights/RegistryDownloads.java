package dev.reactorstudio.studio.weights;

import dev.reactorstudio.runtime.registry.PullPhase;
import dev.reactorstudio.runtime.registry.PullProgress;
import dev.reactorstudio.runtime.registry.RegistryException;
import dev.reactorstudio.runtime.registry.RegistryProblem;
import dev.reactorstudio.runtime.registry.TransferFigures;
import dev.reactorstudio.runtime.registry.WeightProgress;
import dev.reactorstudio.runtime.registry.WeightPull;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads through the engine's {@link WeightRegistry}, exactly as {@code reactor weights pull}
 * does: parallel ranged GETs, verification, {@code .part} files that a cancel keeps and the next
 * start resumes, and the engine's own error messages. Each download blocks one owned
 * {@code studio-pull-N} thread for its duration (the registry's transfer threads are its own).
 */
public final class RegistryDownloads implements WeightDownloads, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDownloads.class);

    private final RegistrySetup setup;
    private final AtomicInteger threads = new AtomicInteger();
    private final Set<WeightPull> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService pulls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "studio-pull-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public RegistryDownloads(RegistrySetup setup) {
        this.setup = setup;
    }

    @Override
    public Handle start(String weight, RegistrySettings view, Listener listener) {
        dev.reactorstudio.runtime.registry.RegistrySettings settings;
        try {
            settings = setup.settings(view);
        } catch (IllegalArgumentException e) {
            listener.failed(weight, e.getMessage());
            return () -> { };
        }
        WeightRegistry registry = WeightRegistry.open(settings);
        WeightPull pull = registry.pull(List.of(weight), progress -> report(weight, progress, listener));
        active.add(pull);
        try {
            pulls.execute(() -> run(weight, registry, pull, listener));
        } catch (RejectedExecutionException closing) {
            active.remove(pull);
            registry.close();
            listener.failed(weight, "the studio is closing");
        }
        return pull::cancel;
    }

    private void run(String weight, WeightRegistry registry, WeightPull pull, Listener listener) {
        try (registry) {
            Path folder = pull.run().get(0);
            listener.finished(weight, folder);
        } catch (RegistryException e) {
            if (e.problem() == RegistryProblem.CANCELLED) {
                LOG.info("Download of {} cancelled; its partial files stay for a resume", weight);
                listener.cancelled(weight);
            } else {
                LOG.warn("Download of {} failed ({}): {}", weight, e.problem(), e.getMessage());
                listener.failed(weight, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Download of {} failed", weight, e);
            listener.failed(weight, "the download stopped unexpectedly: " + e);
        } finally {
            active.remove(pull);
        }
    }

    private static void report(String weight, PullProgress progress, Listener listener) {
        progress.weights().stream().filter(w -> w.weight().equals(weight)).findFirst()
                .ifPresent(w -> listener.progress(toProgress(w)));
    }

    static Progress toProgress(WeightProgress w) {
        TransferFigures f = w.figures();
        boolean listed = w.phase() != PullPhase.QUEUED && w.phase() != PullPhase.LISTING;
        Optional<String> note = switch (w.phase()) {
            case QUEUED, LISTING -> Optional.of("listing");
            case WAITING_FOR_LOCK -> Optional.of("waiting for another download of it");
            default -> Optional.empty();
        };
        return new Progress(w.weight(), f.bytesDone(), listed ? f.bytesTotal() : -1, f.bytesPerSecond(),
                f.eta().map(Duration::toSeconds).orElse(-1L), w.filesDone(), w.filesTotal(), w.currentFile(), note);
    }

    /** Cancels every running download (their partial files stay) and ends the pull threads. */
    @Override
    public void close() {
        active.forEach(WeightPull::cancel);
        pulls.shutdown();
        try {
            pulls.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
