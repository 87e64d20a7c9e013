package dev.reactorstudio.runtime.media;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which everything touching one peer connection runs. Why: libwebrtc's
 * observers fire on threads shared by all peers, and a peer-connection call blocks until the
 * signaling thread serves it — a callback that waits for, or locks against, another peer's work
 * stalls every peer (observed with 4 viewers). Serialising per peer and only posting from
 * callbacks removes both the data races and the lock cycles.
 *
 * <p>Tasks posted after {@link #shutdown()} are dropped: late native callbacks for a closed peer
 * have nothing left to do.
 */
public final class PeerExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(PeerExecutor.class);

    private final String name;
    private final ExecutorService thread;
    /** The executor's thread once started (for {@link #stackTrace()} and {@link #inThread()}); null before the first task. */
    private volatile Thread worker;

    public PeerExecutor(String name) {
        this.name = name;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            worker = t;
            return t;
        });
    }

    /** Posts a task; silently dropped once shut down. */
    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("Task on {} failed", name, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{} is shut down; dropped a task", name);
        }
    }

    /** Runs {@code call} on this thread; the future completes there (never on a native thread). */
    public <T> CompletableFuture<T> call(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(call.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException(name + " is closed"));
        }
        return result;
    }

    /** True on this executor's own thread. */
    public boolean inThread() {
        return Thread.currentThread() == worker;
    }

    public String name() {
        return name;
    }

    /**
     * Where this executor's thread is now (empty before it started): a peer operation that never
     * completes is diagnosed by this — a native call that never returned shows on top.
     */
    public StackTraceElement[] stackTrace() {
        Thread t = worker;
        return t == null ? new StackTraceElement[0] : t.getStackTrace();
    }

    /** Lets queued tasks finish, accepts no new ones; the thread ends after the last task. */
    public void shutdown() {
        thread.shutdown();
    }

    /** Waits for the thread to end (not from the thread itself). */
    public boolean awaitTermination(long millis) throws InterruptedException {
        return thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
