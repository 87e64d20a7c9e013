package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest of a {@code .part} file computed while its chunks are written, so verification needs
 * no second pass over the finished file. A digest only takes bytes in file order, but chunks land
 * out of order: the writer at the digest's frontier feeds its bytes straight from its buffer; bytes
 * written ahead of the frontier (other connections, chunks resumed from an earlier pull) are noted
 * as ranges and read back from the file — still in the page cache — once the frontier reaches them.
 * One thread at a time feeds the digest; the others only note their range and carry on.
 */
final class InOrderDigest {
    private static final int READ_BUFFER = 1 << 20;

    private final Path file;
    private final DigestAlgorithm algorithm;
    private final long size;
    private final CancelSignal cancel;
    /** Written ranges not yet fed, start → end (exclusive); adjacent ones are merged. */
    private final TreeMap<Long, Long> ahead = new TreeMap<>();
    private DigestAlgorithm.Accumulator accumulator;
    private long frontier;
    private boolean feeding;

    InOrderDigest(Path file, DigestAlgorithm algorithm, long size, CancelSignal cancel) {
        this.file = file;
        this.algorithm = algorithm;
        this.size = size;
        this.cancel = cancel;
        this.accumulator = algorithm.start();
    }

    DigestAlgorithm algorithm() {
        return algorithm;
    }

    /** Bytes an earlier pull left in the part (verified only through this digest, like everything else). */
    synchronized void onDisk(long from, long endExclusive) {
        note(from, endExclusive);
    }

    /**
     * Called after {@code data[off, off+n)} was written to the file at {@code at}. Feeds it directly
     * when it is next in order; then catches up on whatever contiguous bytes wait on disk.
     */
    void written(long at, byte[] data, int off, int n) throws IOException, RegistryException {
        long from = at;
        int skip = 0;
        boolean direct;
        synchronized (this) {
            if (from < frontier) {
                // Bytes fetched again (a retried request): the digest already has them.
                skip = (int) Math.min(n, frontier - from);
                from += skip;
            }
            direct = skip < n && !feeding && from == frontier;
            if (direct) {
                feeding = true;
            } else {
                note(from, at + n);
            }
        }
        if (direct) {
            try {
                accumulator.update(ByteBuffer.wrap(data, off + skip, n - skip));
            } finally {
                synchronized (this) {
                    frontier += n - skip;
                    feeding = false;
                }
            }
        }
        catchUp();
    }

    /** Feeds everything still waiting and returns the lower-case hex digest of the whole file. */
    String finishHex() throws IOException, RegistryException {
        catchUp();
        synchronized (this) {
            if (feeding || frontier != size) {
                throw new IllegalStateException("digest of " + file + " covers " + frontier + " of " + size + " bytes");
            }
            return HexFormat.of().formatHex(accumulator.finish());
        }
    }

    /** Forgets everything: the part is about to be downloaded again from scratch. */
    synchronized void reset() {
        ahead.clear();
        frontier = 0;
        accumulator = algorithm.start();
    }

    /** Reads noted ranges that start at the frontier back from the file, unless another thread is already feeding. */
    private void catchUp() throws IOException, RegistryException {
        long from;
        long to;
        synchronized (this) {
            if (feeding || (to = takeAtFrontier()) < 0) {
                return;
            }
            feeding = true;
            from = frontier;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_BUFFER, Math.max(1, size)));
        boolean handedBack = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                while (from < to) {
                    cancel.throwIfCancelled();
                    buffer.clear().limit((int) Math.min(buffer.capacity(), to - from));
                    int n = channel.read(buffer, from);
                    if (n < 0) {
                        throw new IOException(file + " is shorter than the " + to + " bytes written to it");
                    }
                    buffer.flip();
                    accumulator.update(buffer);
                    from += n;
                }
                synchronized (this) {
                    frontier = to;
                    if ((to = takeAtFrontier()) < 0) {
                        feeding = false;
                        handedBack = true;
                        return;
                    }
                }
            }
        } finally {
            if (!handedBack) {
                synchronized (this) {
                    feeding = false; // failed part-way: the download is abandoned or restarted (reset)
                }
            }
        }
    }

    /**
     * Removes the noted range that covers the frontier and returns its end, or -1. Ranges the frontier
     * has passed (bytes written twice while they were being read back) are dropped on the way.
     */
    private long takeAtFrontier() {
        Map.Entry<Long, Long> covering;
        while ((covering = ahead.floorEntry(frontier)) != null) {
            ahead.remove(covering.getKey());
            if (covering.getValue() > frontier) {
                return covering.getValue();
            }
        }
        return -1;
    }

    private void note(long from, long endExclusive) {
        if (endExclusive <= from) {
            return;
        }
        long start = from;
        long end = endExclusive;
        Map.Entry<Long, Long> before = ahead.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ahead.remove(before.getKey());
        }
        Long after = ahead.get(end);
        if (after != null) {
            ahead.remove(end);
            end = after;
        }
        ahead.put(start, end);
    }
}
