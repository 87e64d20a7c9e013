package dev.reactorstudio.runtime.registry;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.Abortable;

/**
 * Cancellation for one pull. Workers poll it between buffers; streams blocked in a socket read are
 * aborted directly so a cancel takes effect within milliseconds even on a stalled connection.
 */
final class CancelSignal {
    private volatile boolean cancelled;
    private final CountDownLatch cancelledLatch = new CountDownLatch(1);
    private final Set<Abortable> active = ConcurrentHashMap.newKeySet();

    void cancel() {
        cancelled = true;
        cancelledLatch.countDown();
        active.forEach(CancelSignal::abortQuietly);
    }

    boolean isCancelled() {
        return cancelled;
    }

    void throwIfCancelled() throws RegistryException {
        if (cancelled) {
            throw cancelledException();
        }
    }

    static RegistryException cancelledException() {
        return new RegistryException(RegistryProblem.CANCELLED, "pull cancelled — partial files are kept; pull again to resume");
    }

    /** Sleeps for a retry backoff, waking at once on cancel. */
    void sleep(long millis) throws RegistryException {
        try {
            cancelledLatch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
        }
        throwIfCancelled();
    }

    /** Registers a stream to abort on cancel; if already cancelled, aborts it now. */
    void register(Abortable stream) {
        active.add(stream);
        if (cancelled) {
            abortQuietly(stream);
        }
    }

    void unregister(Abortable stream) {
        active.remove(stream);
    }

    private static void abortQuietly(Abortable stream) {
        try {
            stream.abort();
        } catch (RuntimeException ignored) {
            // Aborting a finished stream may throw; the worker notices the flag either way.
        }
    }
}
