package dev.reactorstudio.runtime.registry;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded set of worker threads ({@code reactor-pull-1..n}) that fetch chunks and verify files
 * for one pull or push. Owned by the operation that created it; {@link #close()} stops the threads.
 * Work is grouped in a {@link Batch} that remembers the first failure and stops the rest early.
 */
final class DownloadPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadPool.class);

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ExecutorService executor;

    DownloadPool(int threads, String name) {
        AtomicInteger counter = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Batch batch(CancelSignal cancel, RegistrySettings settings) {
        return new Batch(cancel, settings);
    }

    /** Tasks that succeed or fail together; tasks may submit more tasks to the same batch. */
    final class Batch {
        private final CancelSignal cancel;
        private final RegistrySettings settings;
        private final Object lock = new Object();
        private int pending;
        private RegistryException failure;

        private Batch(CancelSignal cancel, RegistrySettings settings) {
            this.cancel = cancel;
            this.settings = settings;
        }

        void submit(String what, Task task) {
            synchronized (lock) {
                pending++;
            }
            executor.execute(() -> {
                try {
                    if (!failed()) {
                        task.run();
                    }
                } catch (Exception | Error e) {
                    fail(e instanceof Exception ex ? ErrorTranslator.translate(ex, what, settings)
                            : new RegistryException(RegistryProblem.OTHER, what + " failed: " + e, e));
                } finally {
                    synchronized (lock) {
                        if (--pending == 0) {
                            lock.notifyAll();
                        }
                    }
                }
            });
        }

        private boolean failed() {
            synchronized (lock) {
                return failure != null;
            }
        }

        /** The first real failure wins; the cancellations it causes in other tasks are only its echo. */
        private void fail(RegistryException e) {
            boolean first;
            synchronized (lock) {
                first = failure == null || (failure.problem() == RegistryProblem.CANCELLED && e.problem() != RegistryProblem.CANCELLED);
                if (first) {
                    failure = e;
                }
            }
            if (first && e.problem() != RegistryProblem.CANCELLED) {
                LOG.debug("stopping the batch after: {}", e.getMessage());
                cancel.cancel();
            }
        }

        /** Waits for every task, then throws the first failure if there was one. */
        void await() throws RegistryException {
            synchronized (lock) {
                while (pending > 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancel.cancel();
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("download threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
