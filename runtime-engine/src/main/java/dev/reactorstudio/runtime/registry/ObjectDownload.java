package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The download of one object into {@code <file>.part}: which chunks remain, and the resume state that
 * survives a cancel or a crash. Large objects (more than one chunk) keep a chunk bitmap in {@code
 * <file>.part.state}, rewritten as each chunk lands; a single-chunk object keeps none and simply
 * starts over (at most one chunk lost), which spares thousands of small files a state write each.
 * When the object has a digest, it is computed while the chunks are written ({@link InOrderDigest}).
 */
final class ObjectDownload {
    final RemoteObject object;
    final Path target;
    final Path part;
    private final Path state;
    private final long chunkSize;
    private final int chunkCount;
    private final BitSet done;
    private int remaining;
    private int fullDownloads;
    private Optional<ExpectedDigest> expected;
    private InOrderDigest digest;

    private ObjectDownload(RemoteObject object, Path target, long chunkSize) {
        this.object = object;
        this.target = target;
        this.part = CacheLayout.partFile(target);
        this.state = CacheLayout.stateFile(target);
        this.chunkSize = chunkSize;
        this.chunkCount = (int) ((object.size() + chunkSize - 1) / chunkSize);
        this.done = new BitSet(chunkCount);
    }

    /** Picks up a matching earlier {@code .part}, or clears a stale one. */
    static ObjectDownload prepare(RemoteObject object, Path target, long chunkSize) throws IOException {
        ObjectDownload d = new ObjectDownload(object, target, chunkSize);
        Files.createDirectories(target.getParent());
        var previous = d.chunkCount > 1 ? PartState.read(d.state) : java.util.Optional.<PartState>empty();
        if (previous.isPresent() && previous.get().matches(object, chunkSize) && Files.exists(d.part)) {
            d.done.or(previous.get().doneChunks());
            d.done.clear(d.chunkCount, Integer.MAX_VALUE);
        } else {
            d.discardPart();
        }
        d.remaining = d.chunkCount - d.done.cardinality();
        d.fullDownloads = 1;
        return d;
    }

    /**
     * Fixes what the finished part must match, before any chunk is fetched; resumed chunks will be
     * read back into the digest when its frontier reaches them.
     */
    synchronized void expect(Optional<ExpectedDigest> value, CancelSignal cancel) {
        expected = value;
        digest = value.map(d -> new InOrderDigest(part, d.algorithm(), object.size(), cancel)).orElse(null);
        if (digest != null) {
            for (int i = done.nextSetBit(0); i >= 0; i = done.nextSetBit(i + 1)) {
                digest.onDisk(chunkStart(i), chunkEnd(i) + 1);
            }
        }
    }

    synchronized boolean expectationKnown() {
        return expected != null;
    }

    synchronized Optional<ExpectedDigest> expected() {
        return expected;
    }

    /** The digest fed as the chunks were written; null when the object has none to check against. */
    synchronized InOrderDigest digest() {
        return digest;
    }

    /** Called by a chunk's writer after {@code data[off, off+n)} reached the part at {@code at}. */
    void written(long at, byte[] data, int off, int n) throws IOException, RegistryException {
        InOrderDigest d = digest();
        if (d != null) {
            d.written(at, data, off, n);
        }
    }

    /** Bytes already on disk from an earlier pull. */
    synchronized long resumedBytes() {
        long bytes = 0;
        for (int i = done.nextSetBit(0); i >= 0; i = done.nextSetBit(i + 1)) {
            bytes += chunkEnd(i) - chunkStart(i) + 1;
        }
        return bytes;
    }

    synchronized List<Chunk> pendingChunks() {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = done.nextClearBit(0); i < chunkCount; i = done.nextClearBit(i + 1)) {
            chunks.add(new Chunk(this, i, chunkStart(i), chunkEnd(i)));
        }
        return chunks;
    }

    boolean isEmptyObject() {
        return chunkCount == 0;
    }

    /** Records a finished chunk; true when it was the last one. */
    synchronized boolean chunkDone(int index) throws IOException {
        if (!done.get(index)) {
            done.set(index);
            remaining--;
            if (chunkCount > 1 && remaining > 0) {
                if (digest == null) {
                    // Nothing but the size will check these bytes later: they must be on disk before the state says so.
                    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                        channel.force(false);
                    }
                }
                PartState.of(object, chunkSize, done).write(state);
            }
        }
        return remaining == 0;
    }

    /** Creates the (empty) part so a zero-byte object can be finished like any other. */
    void createEmptyPart() throws IOException {
        try (FileChannel ignored = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // nothing to write
        }
    }

    /** Throws the part away after failed verification; returns how often the object was downloaded in full. */
    synchronized int restart() throws IOException {
        discardPart();
        done.clear();
        remaining = chunkCount;
        if (digest != null) {
            digest.reset();
        }
        return ++fullDownloads;
    }

    synchronized void discardPart() throws IOException {
        Files.deleteIfExists(part);
        Files.deleteIfExists(state);
    }

    void deleteState() throws IOException {
        Files.deleteIfExists(state);
    }

    private long chunkStart(int i) {
        return i * chunkSize;
    }

    private long chunkEnd(int i) {
        return Math.min(object.size(), (i + 1) * chunkSize) - 1;
    }
}
