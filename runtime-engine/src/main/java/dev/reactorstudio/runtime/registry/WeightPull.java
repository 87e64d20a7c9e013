package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One pull of one or more weights: lists them all first (so the overall total and ETA are known),
 * then brings each folder up to date in turn, every weight using all connections. {@link #run()}
 * blocks; {@link #cancel()} may be called from any thread and makes {@code run} return promptly
 * with {@link RegistryProblem#CANCELLED}, keeping the {@code .part} files for a later resume.
 * Owns its worker threads and progress thread for the duration of {@code run}.
 */
public final class WeightPull {
    private final Supplier<S3Client> s3;
    private final RegistrySettings settings;
    private final List<String> names;
    private final PullProgressListener listener;
    private final CancelSignal cancel = new CancelSignal();
    private final AtomicBoolean started = new AtomicBoolean();

    WeightPull(Supplier<S3Client> s3, RegistrySettings settings, List<String> names, PullProgressListener listener) {
        this.s3 = s3;
        this.settings = settings;
        this.names = List.copyOf(names);
        this.listener = listener;
    }

    public List<String> weights() {
        return names;
    }

    /** Pulls every weight; returns their folders in order. Can run once. */
    public List<Path> run() throws RegistryException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a WeightPull runs once; ask the registry for a new one");
        }
        for (String name : names) {
            SafeKeys.checkWeightName(name);
        }
        List<WeightCounters> counters = names.stream().map(WeightCounters::new).toList();
        try (ProgressTicker ticker = new ProgressTicker(counters, listener);
             DownloadPool pool = new DownloadPool(settings.connections(), "reactor-pull")) {
            S3Client client = s3.get();
            List<List<RemoteObject>> listings = list(client, counters);
            WeightPuller puller = new WeightPuller(client, settings, pool, cancel);
            List<Path> folders = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                WeightCounters c = counters.get(i);
                try {
                    folders.add(puller.pull(names.get(i), listings.get(i), c));
                    c.phase(PullPhase.COMPLETE);
                } catch (RegistryException e) {
                    c.phase(e.problem() == RegistryProblem.CANCELLED ? PullPhase.CANCELLED : PullPhase.FAILED);
                    throw e;
                }
            }
            return folders;
        }
    }

    private List<List<RemoteObject>> list(S3Client client, List<WeightCounters> counters) throws RegistryException {
        RegistryListing listing = new RegistryListing(client, settings);
        List<List<RemoteObject>> all = new ArrayList<>();
        for (WeightCounters c : counters) {
            cancel.throwIfCancelled();
            c.phase(PullPhase.LISTING);
            try {
                List<RemoteObject> objects = listing.objects(c.weight);
                c.plan(objects.stream().mapToLong(RemoteObject::size).sum(), objects.size());
                all.add(objects);
            } catch (RegistryException e) {
                c.phase(PullPhase.FAILED);
                throw e;
            }
        }
        return all;
    }

    /** Stops the pull soon (within one buffer or one poll); safe from any thread, idempotent. */
    public void cancel() {
        cancel.cancel();
    }

    public boolean isCancelled() {
        return cancel.isCancelled();
    }
}
