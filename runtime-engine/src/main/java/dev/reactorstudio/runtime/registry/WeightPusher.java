package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Uploads a folder as a weight ({@code reactor weights push NAME PATH}). Every object carries its
 * SHA-256 as {@code x-amz-meta-reactor-sha256}, which lets pulls verify even multipart objects
 * (whose ETag is not a content hash). Files above the multipart threshold go up in parts, in
 * parallel on the pool, each part streamed from disk; a failed multipart upload is aborted so no
 * invisible parts keep costing storage.
 */
final class WeightPusher {
    private final S3Client s3;
    private final RegistrySettings settings;
    private final CancelSignal cancel;

    WeightPusher(S3Client s3, RegistrySettings settings, CancelSignal cancel) {
        this.s3 = s3;
        this.settings = settings;
        this.cancel = cancel;
    }

    PushResult push(String name, Path source, boolean replace, PullProgressListener listener) throws RegistryException {
        SafeKeys.checkWeightName(name);
        RegistryLocation location = settings.requireLocation();
        List<Path> files = files(source);
        if (files.isEmpty()) {
            throw new RegistryException(RegistryProblem.OTHER, source + " holds no files to push");
        }
        List<RemoteObject> existing = existing(name);
        if (!existing.isEmpty() && !replace) {
            throw new RegistryException(RegistryProblem.OTHER, "weight \"" + name + "\" already exists in " + location + " ("
                    + existing.size() + " objects) — pass --replace to overwrite it");
        }
        String prefix = location.weightPrefix(name);
        long partSize = Math.max(settings.chunkSize(), 5L << 20); // S3's minimum part size is 5 MiB
        WeightCounters counters = new WeightCounters(name);
        counters.plan(files.stream().mapToLong(WeightPusher::size).sum(), files.size());
        int multipart = 0;
        try (ProgressTicker ticker = new ProgressTicker(List.of(counters), listener);
             DownloadPool pool = new DownloadPool(settings.connections(), "reactor-push")) {
            counters.phase(PullPhase.DOWNLOADING);
            Set<String> keys = new HashSet<>();
            DownloadPool.Batch small = pool.batch(cancel, settings);
            for (Path file : files) {
                cancel.throwIfCancelled();
                String rel = source.relativize(file).toString().replace('\\', '/');
                String key = prefix + rel;
                SafeKeys.relativePath(prefix, key);
                keys.add(key);
                long size = size(file);
                if (size > 2 * partSize) {
                    // Large files one at a time, their parts in parallel: bounded memory and open files.
                    counters.currentFile(rel);
                    uploadMultipart(location.bucket(), key, file, size, partSize, sha256(file), pool, counters);
                    multipart++;
                    counters.fileDone();
                } else {
                    small.submit("uploading " + key, () -> {
                        counters.currentFile(rel);
                        Map<String, String> metadata = sha256(file);
                        s3.putObject(b -> b.bucket(location.bucket()).key(key).metadata(metadata), RequestBody.fromFile(file));
                        counters.transferred(size);
                        counters.fileDone();
                    });
                }
            }
            small.await();
            int removed = 0;
            for (RemoteObject stale : existing) {
                if (!keys.contains(stale.key())) {
                    s3.deleteObject(b -> b.bucket(location.bucket()).key(stale.key()));
                    removed++;
                }
            }
            counters.phase(PullPhase.COMPLETE);
            return new PushResult(name, location.toString(), files.size(), counters.total(), multipart, removed);
        } catch (IOException | RuntimeException e) {
            counters.phase(PullPhase.FAILED);
            throw ErrorTranslator.translate(e, "pushing " + name + " to " + location, settings);
        } catch (RegistryException e) {
            counters.phase(e.problem() == RegistryProblem.CANCELLED ? PullPhase.CANCELLED : PullPhase.FAILED);
            throw e;
        }
    }

    private void uploadMultipart(String bucket, String key, Path file, long size, long partSize, Map<String, String> metadata,
                                 DownloadPool pool, WeightCounters counters) throws RegistryException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(metadata)).uploadId();
        try {
            int parts = (int) ((size + partSize - 1) / partSize);
            CompletedPart[] done = new CompletedPart[parts];
            DownloadPool.Batch batch = pool.batch(cancel, settings);
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                batch.submit("uploading part " + number + " of " + key, () -> {
                    cancel.throwIfCancelled();
                    RequestBody body = RequestBody.fromContentProvider(() -> {
                        try {
                            return new FileRegion(file, offset, length);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, length, "application/octet-stream");
                    String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength(length), body).eTag();
                    done[number - 1] = CompletedPart.builder().partNumber(number).eTag(eTag).build();
                    counters.transferred(length);
                });
            }
            batch.await();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        } catch (RegistryException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (S3Exception | software.amazon.awssdk.core.exception.SdkClientException ignored) {
                // best effort: a lifecycle rule cleans up what we could not abort
            }
            throw e;
        }
    }

    private Map<String, String> sha256(Path file) throws IOException, RegistryException {
        return Map.of(ExpectedDigest.SHA256_METADATA, FileDigester.hex(file, DigestAlgorithm.SHA256, cancel));
    }

    private List<RemoteObject> existing(String name) throws RegistryException {
        try {
            return new RegistryListing(s3, settings).objects(name);
        } catch (RegistryException e) {
            if (e.problem() == RegistryProblem.WEIGHT_NOT_FOUND || e.problem() == RegistryProblem.PREFIX_EMPTY) {
                return List.of();
            }
            throw e;
        }
    }

    /** Regular files under {@code source}, skipping the cache's own bookkeeping (a cached folder pushes cleanly). */
    private static List<Path> files(Path source) throws RegistryException {
        if (!Files.isDirectory(source)) {
            throw new RegistryException(RegistryProblem.OTHER, source + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(source)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return !n.equals(CacheLayout.COMPLETION_RECORD) && !n.endsWith(CacheLayout.PART_SUFFIX)
                        && !n.endsWith(CacheLayout.STATE_SUFFIX) && !n.endsWith(CacheLayout.COMPLETION_RECORD + ".tmp");
            }).toList());
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new RegistryException(RegistryProblem.LOCAL_IO, "reading " + source + " failed: " + e, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
