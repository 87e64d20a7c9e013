package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Brings one weight's cache folder up to date with its listing, under the weight's lock: skips
 * files the completion record already vouches for, re-verifies files a cut-off pull left behind,
 * fetches the rest as chunks on the shared pool (hashing them as they land), verifies and renames
 * each file as its last chunk lands, and writes the completion record last.
 */
final class WeightPuller {
    private static final Logger LOG = LoggerFactory.getLogger(WeightPuller.class);
    /** A file that fails verification is downloaded once more before the pull reports corruption. */
    private static final int MAX_FULL_DOWNLOADS = 2;

    private final RegistrySettings settings;
    private final CacheLayout layout;
    private final DownloadPool pool;
    private final CancelSignal cancel;
    private final ChunkFetcher fetcher;
    private final ObjectVerifier verifier;
    private final String registry;

    WeightPuller(S3Client s3, RegistrySettings settings, DownloadPool pool, CancelSignal cancel) throws RegistryException {
        RegistryLocation location = settings.requireLocation();
        this.settings = settings;
        this.layout = new CacheLayout(settings.cacheRoot());
        this.pool = pool;
        this.cancel = cancel;
        this.fetcher = new ChunkFetcher(s3, settings, location.bucket(), cancel);
        this.verifier = new ObjectVerifier(s3, location.bucket(), settings, cancel);
        this.registry = location.toString();
    }

    Path pull(String name, List<RemoteObject> objects, WeightCounters counters) throws RegistryException {
        Path folder = layout.weightFolder(name);
        try (WeightLock lock = WeightLock.acquire(layout.lockFile(name), cancel, () -> counters.phase(PullPhase.WAITING_FOR_LOCK))) {
            counters.phase(PullPhase.DOWNLOADING);
            Optional<CompletionRecord> record = CompletionRecord.read(folder);
            if (record.isPresent() && upToDate(record.get(), objects, folder)) {
                counters.resumed(record.get().totalBytes());
                objects.forEach(o -> counters.fileDone());
                return folder; // someone (maybe the lock holder we waited for) already completed it
            }
            Files.createDirectories(folder);
            CompletionRecord.remove(folder); // from here until the end, the folder is incomplete
            download(name, folder, objects, record.map(CompletionRecord::byPath).orElse(Map.of()), counters);
            return folder;
        } catch (IOException e) {
            throw ErrorTranslator.local(e, "writing " + folder, settings);
        }
    }

    private void download(String name, Path folder, List<RemoteObject> objects, Map<String, CompletionRecord.Entry> vouched,
                          WeightCounters counters) throws IOException, RegistryException {
        List<CompletionRecord.Entry> entries = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> starts = new ArrayList<>();
        DownloadPool.Batch batch = pool.batch(cancel, settings);
        long needed = 0;
        for (RemoteObject object : objects) {
            Path target = SafeKeys.resolveInside(folder, object.path());
            CompletionRecord.Entry entry = vouched.get(object.path());
            if (Files.isRegularFile(target)) {
                if (entry != null && entry.eTag().equals(object.eTag()) && entry.size() == object.size()
                        && Files.size(target) == object.size()) {
                    entries.add(entry);
                    counters.resumed(object.size());
                    counters.fileDone();
                } else {
                    // Left by a cut-off pull (verified then) or an older version: check it against the registry now.
                    starts.add(() -> batch.submit("verifying " + target, () -> verifyExisting(object, target, batch, entries, counters)));
                }
                continue;
            }
            ObjectDownload download = ObjectDownload.prepare(object, target, settings.chunkSize());
            long resumed = download.resumedBytes();
            counters.resumed(resumed);
            needed += object.size() - resumed;
            starts.add(() -> start(download, batch, entries, counters));
        }
        DiskSpace.require(folder, needed, settings);
        starts.forEach(Runnable::run);
        batch.await();
        finish(name, folder, objects, entries);
    }

    private void verifyExisting(RemoteObject object, Path target, DownloadPool.Batch batch, List<CompletionRecord.Entry> entries,
                                WeightCounters counters) throws IOException, RegistryException {
        counters.currentFile(object.path());
        Optional<ExpectedDigest> digest = verifier.expected(object);
        String problem = verifier.mismatch(target, object.size(), digest);
        if (problem == null) {
            entries.add(new CompletionRecord.Entry(object.path(), object.key(), object.size(), object.eTag(), digest.orElse(null)));
            counters.resumed(object.size());
            counters.fileDone();
            return;
        }
        LOG.warn("{}: cached file does not match the registry ({}); downloading it again", target, problem);
        Files.delete(target);
        start(ObjectDownload.prepare(object, target, settings.chunkSize()), batch, entries, counters);
    }

    private void start(ObjectDownload download, DownloadPool.Batch batch, List<CompletionRecord.Entry> entries,
                       WeightCounters counters) {
        if (!download.expectationKnown()) {
            // The digest to compute while downloading comes from the object's HEAD: ask first, on a worker.
            batch.submit("reading the checksum of " + download.object.key(), () -> {
                download.expect(verifier.expected(download.object), cancel);
                start(download, batch, entries, counters);
            });
            return;
        }
        if (download.isEmptyObject()) {
            batch.submit("creating " + download.target, () -> {
                download.createEmptyPart();
                complete(download, batch, entries, counters);
            });
            return;
        }
        for (Chunk chunk : download.pendingChunks()) {
            batch.submit("downloading " + download.object.key(), () -> {
                counters.currentFile(download.object.path());
                fetcher.fetch(chunk, counters);
                if (download.chunkDone(chunk.index())) {
                    complete(download, batch, entries, counters);
                }
            });
        }
    }

    /**
     * Runs on the worker that landed the last chunk: make it durable (the completion record will vouch
     * for it without reading it again), verify it, then give it its real name.
     */
    private void complete(ObjectDownload download, DownloadPool.Batch batch, List<CompletionRecord.Entry> entries,
                          WeightCounters counters) throws IOException, RegistryException {
        RemoteObject object = download.object;
        try (FileChannel part = FileChannel.open(download.part, StandardOpenOption.WRITE)) {
            part.force(false);
        }
        Optional<ExpectedDigest> digest = download.expected();
        String problem = verifier.mismatch(download.part, object.size(), digest, download.digest());
        if (problem != null) {
            counters.discarded(object.size());
            int attempt = download.restart();
            if (attempt > MAX_FULL_DOWNLOADS) {
                throw new RegistryException(RegistryProblem.CORRUPT, object.key() + " arrived corrupt " + MAX_FULL_DOWNLOADS
                        + " times (" + problem + ") — the registry copy may be damaged; the file was not kept");
            }
            LOG.warn("{} failed verification ({}); downloading it again", object.key(), problem);
            start(download, batch, entries, counters);
            return;
        }
        Files.move(download.part, download.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        download.deleteState();
        entries.add(new CompletionRecord.Entry(object.path(), object.key(), object.size(), object.eTag(), digest.orElse(null)));
        counters.fileDone();
    }

    /** Makes every rename durable, then writes the record that declares the folder complete. */
    private void finish(String name, Path folder, List<RemoteObject> objects, List<CompletionRecord.Entry> entries)
            throws IOException, RegistryException {
        if (entries.size() != objects.size()) {
            throw new RegistryException(RegistryProblem.OTHER, "internal error: " + entries.size() + " of " + objects.size()
                    + " files of " + name + " accounted for; the folder is left incomplete");
        }
        Set<Path> folders = new HashSet<>();
        for (RemoteObject object : objects) {
            folders.add(SafeKeys.resolveInside(folder, object.path()).getParent());
        }
        folders.forEach(AtomicFiles::forceFolder);
        List<CompletionRecord.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(CompletionRecord.Entry::path));
        new CompletionRecord(CompletionRecord.FORMAT, name, registry, Instant.now().toString(), sorted).writeTo(folder);
    }

    /** The record describes exactly these objects and their files are still there at full size. */
    static boolean upToDate(CompletionRecord record, List<RemoteObject> objects, Path folder) {
        Map<String, CompletionRecord.Entry> byPath = record.byPath();
        if (byPath.size() != objects.size()) {
            return false;
        }
        for (RemoteObject o : objects) {
            CompletionRecord.Entry e = byPath.get(o.path());
            if (e == null || !e.eTag().equals(o.eTag()) || e.size() != o.size()) {
                return false;
            }
            try {
                if (Files.size(folder.resolve(o.path())) != o.size()) {
                    return false;
                }
            } catch (IOException missing) {
                return false;
            }
        }
        return true;
    }
}
