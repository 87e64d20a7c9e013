package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to write one weight's cache folder, across processes and within one. File locks
 * are per process (a second lock from the same JVM throws), so threads of this JVM first queue on
 * an in-memory lock per lock file, then one of them takes the OS lock. Waiting polls so a cancel
 * is honoured; the OS releases the file lock if the holder dies, so a crash never wedges a weight.
 */
final class WeightLock implements AutoCloseable {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MS = 100;

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private WeightLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, calling {@code onWait} once if someone else holds it. */
    static WeightLock acquire(Path lockFile, CancelSignal cancel, Runnable onWait) throws IOException, RegistryException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        boolean waited = false;
        try {
            while (!local.tryLock(POLL_MS, TimeUnit.MILLISECONDS)) {
                waited = notifyOnce(waited, onWait);
                cancel.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelSignal.cancelledException();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            while ((fileLock = tryLock(channel)) == null) {
                waited = notifyOnce(waited, onWait);
                cancel.throwIfCancelled();
                sleep();
            }
            return new WeightLock(local, channel, fileLock);
        } catch (IOException | RegistryException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // cannot happen behind the in-process lock, but never fail on it
        }
    }

    private static boolean notifyOnce(boolean waited, Runnable onWait) {
        if (!waited) {
            onWait.run();
        }
        return true;
    }

    private static void sleep() throws RegistryException {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelSignal.cancelledException();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
