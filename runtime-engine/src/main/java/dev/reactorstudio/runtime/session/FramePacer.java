package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameBlock;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns bursts of emitted blocks into an even stream. Frames wait in a bounded queue and a
 * dedicated thread releases one per tick at the model's measured generation rate, capped by
 * the manifest fps. A full queue blocks the producer (backpressure); an empty queue releases
 * nothing, so viewers hold the last frame. If the pacer falls behind it skips ahead rather
 * than bursting.
 */
final class FramePacer {
    private static final long MAX_SLEEP_SLICE_NANOS = 5_000_000;
    private final String sessionId;
    private final int baseDepth;
    private final RateEstimator rate;
    private final Consumer<Frame> release;
    private final SessionStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final Thread thread;
    private int capacity;
    private long emitted;
    private long released;
    /**
     * True after {@link #abort()}: queued frames are dropped, producers return at once. Written
     * under the lock; volatile so the release wait can notice it without taking the lock.
     */
    private volatile boolean aborted;
    /** True after {@link #finish()}: play out what is queued, then end. */
    private boolean finishing;

    FramePacer(String sessionId, int depth, double fpsCap, SessionStats stats, Consumer<Frame> release) {
        this.sessionId = sessionId;
        this.baseDepth = Math.max(1, depth);
        this.capacity = this.baseDepth;
        this.rate = new RateEstimator(fpsCap);
        this.stats = stats;
        this.release = release;
        this.thread = new Thread(this::run, "reactor-pacer-" + sessionId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues a block, blocking while the queue is full. Returns false when the pacer was
     * aborted (the session is stopping) and the rest of the block was dropped.
     */
    boolean offer(FrameBlock block, long computeNanos, boolean monitored) throws InterruptedException {
        if (monitored) {
            rate.addSample(block.size(), computeNanos);
        }
        long now = System.nanoTime();
        lock.lockInterruptibly();
        try {
            // A block larger than the queue must still fit, or it could never be enqueued whole.
            capacity = Math.max(baseDepth, block.size());
            for (int i = 0; i < block.size(); i++) {
                while (queue.size() >= capacity && !aborted) {
                    notFull.await();
                }
                if (aborted) {
                    stats.framesDropped.add(block.size() - i);
                    return false;
                }
                queue.addLast(new Frame(sessionId, emitted++, block.width(), block.height(), block.frames().get(i), now, 0));
                stats.framesEmitted.increment();
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    double currentRate() {
        return rate.rate();
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Plays out the queued frames, then stops the thread. */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the queued frames, releases blocked producers and stops the thread. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            stats.framesDropped.add(queue.size());
            queue.clear();
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        long next = System.nanoTime();
        try {
            while (true) {
                Frame frame = take();
                if (frame == null) {
                    return;
                }
                long interval = (long) (1e9 / rate.rate());
                long now = System.nanoTime();
                if (now > next) {
                    // Late (queue was empty or we were descheduled): start a new cadence instead of
                    // catching up, which would release this frame and the next less than an interval apart.
                    next = now;
                }
                sleepUntil(next);
                long releasedAt = releaseTime();
                if (releasedAt < 0) {
                    // Stopped while this frame waited for its tick: it is dropped like the queued ones.
                    stats.framesDropped.increment();
                    return;
                }
                deliver(frame.released(released++, releasedAt));
                // From the actual release, so that no two frames are ever closer than one interval.
                next = releasedAt + interval;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Frame take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (aborted || finishing) {
                    return null;
                }
                notEmpty.await(100, TimeUnit.MILLISECONDS);
            }
            if (aborted) {
                return null;
            }
            Frame frame = queue.pollFirst();
            notFull.signal();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The release timestamp, or -1 when the pacer was aborted. Taken under the lock so that no
     * frame carries a release time later than the {@link #abort()} that should have dropped it.
     */
    private long releaseTime() {
        lock.lock();
        try {
            return aborted ? -1 : System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Frame frame) {
        stats.framesDelivered.increment();
        stats.recordDelivery(frame.releasedNanos());
        release.accept(frame);
    }

    /**
     * Coarse sleep in slices of at most 5 ms, then a short spin, for sub-millisecond release
     * accuracy. Returns early on abort, so a stop does not wait out a long interval.
     */
    private void sleepUntil(long deadline) throws InterruptedException {
        while (!aborted) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (remaining > 2_000_000) {
                LockSupport.parkNanos(Math.min(remaining - 1_000_000, MAX_SLEEP_SLICE_NANOS));
            } else if (remaining > 100_000) {
                Thread.onSpinWait();
                LockSupport.parkNanos(50_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
