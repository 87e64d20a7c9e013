package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.api.Pacing;
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
 *
 * <p>Latency: a model faster than its cap would otherwise keep the queue full, so every frame
 * would wait a whole queue of ticks and a command would show that much later. After queuing a
 * block, {@link #offer} therefore holds the producer until just in time to generate the next one:
 * until the frame after the queued ones is due, minus the measured compute time, three mean
 * deviations of it and a scheduling slack ({@link ComputeTimeEstimator}). The queue then holds
 * only what the model's jitter needs; the capacity stays the hard bound. {@link #flush()} drops
 * frames queued before a change (a command) so the next generated frame is the next one shown.
 *
 * <p>That is {@link Pacing#SMOOTH}, right for generative models. An input-driven model (it renders
 * the newest webcam frame) wants {@link Pacing#LATEST} instead: its pace is its input's, so
 * holding it or smoothing its output only adds latency. Then a block replaces the frames still
 * waiting (the one in flight too), the producer is never held, and frames are released as soon as
 * the fps cap allows. A block's first frame may go up to half an interval before its nominal slot,
 * so an input's arrival jitter does not delay it, while the slots still advance one interval per
 * release (the average rate never exceeds the cap); the rest of a block follows one interval apart.
 *
 * <p>Sink backpressure: a frame sink that cannot take every frame (libwebrtc's encoder, busy on
 * a 720p stream, drops the frames that arrive while it encodes) may {@link #limitRate limit the
 * release rate} for a while. Releases are then spaced at least at that rate, and through the
 * just-in-time hold the producer generates no faster, so the CPU goes to the frames that are
 * shown. The limit expires unless renewed: a sink that goes away (no viewer) stops holding the model.
 */
final class FramePacer {
    private static final long MAX_SLEEP_SLICE_NANOS = 5_000_000;
    private final String sessionId;
    private final int baseDepth;
    private final boolean justInTime;
    /** The cap's interval: the spacing of {@link Pacing#LATEST} releases. */
    private final long capIntervalNanos;
    /** {@link Pacing#LATEST}: a newer block replaces waiting frames, nothing is held. */
    private volatile boolean latestWins;
    /** {@link Pacing#LATEST}: the sequence of the newest block's first frame, which may go early. */
    private volatile long latestBlockStart = -1;
    private final RateEstimator rate;
    private final Consumer<Frame> release;
    private final SessionStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Signalled when a producer held back for just-in-time generation should look again (flush, abort). */
    private final Condition turn = lock.newCondition();
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final ComputeTimeEstimator compute = new ComputeTimeEstimator();
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
    /** The release thread holds a frame taken from the queue, waiting for its tick. Under the lock. */
    private boolean inFlight;
    /** When the next release is scheduled (the last release plus one interval). Under the lock. */
    private long nextTick = System.nanoTime();
    /**
     * Frames with a lower sequence were flushed: the one in flight is dropped at its tick. Written
     * under the lock; volatile so the release wait notices a flush without taking it.
     */
    private volatile long flushedBelow;
    /** Counts flushes, so a block being queued when one happens drops its remaining (stale) frames. */
    private long flushes;
    /** A sink's rate limit as a minimum release interval, 0 for none, and when it lapses ({@link #limitRate}). */
    private volatile long sinkIntervalNanos;
    private volatile long sinkLimitUntil;

    FramePacer(String sessionId, int depth, double fpsCap, boolean justInTime, SessionStats stats,
               Consumer<Frame> release) {
        this.sessionId = sessionId;
        this.justInTime = justInTime;
        this.baseDepth = Math.max(1, depth);
        this.capacity = this.baseDepth;
        this.rate = new RateEstimator(fpsCap);
        this.capIntervalNanos = (long) (1e9 / fpsCap);
        this.stats = stats;
        this.release = release;
        this.thread = new Thread(this::run, "reactor-pacer-" + sessionId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void pacing(Pacing pacing) {
        latestWins = pacing == Pacing.LATEST;
    }

    Pacing pacing() {
        return latestWins ? Pacing.LATEST : Pacing.SMOOTH;
    }

    /**
     * Queues a block, blocking while the queue is full, then holds the caller until it is time to
     * generate the next one. Returns false when the pacer was aborted (the session is stopping)
     * and the rest of the block was dropped.
     *
     * @param computeNanos how long generating it took, for the rate and the lead
     */
    boolean offer(FrameBlock block, long computeNanos, boolean monitored) throws InterruptedException {
        return offer(block, computeNanos, monitored, true);
    }

    /**
     * As {@link #offer(FrameBlock, long, boolean)}; with {@code hold} false it returns once the block
     * is queued and the caller takes the just-in-time hold later with {@link #holdUntilTurn()} (after
     * emitting the block's sound, so that the sound is queued before its frame is released).
     */
    boolean offer(FrameBlock block, long computeNanos, boolean monitored, boolean hold) throws InterruptedException {
        if (monitored) {
            rate.addSample(block.size(), computeNanos);
            compute.addSample(computeNanos);
        }
        long now = System.nanoTime();
        lock.lockInterruptibly();
        try {
            // A block larger than the queue must still fit, or it could never be enqueued whole.
            capacity = Math.max(baseDepth, block.size());
            long flushesAtStart = flushes;
            if (latestWins) {
                supersede();
                latestBlockStart = emitted;
            }
            for (int i = 0; i < block.size(); i++) {
                while (queue.size() >= capacity && !aborted && flushes == flushesAtStart) {
                    notFull.await();
                }
                if (aborted) {
                    stats.framesDropped.add(block.size() - i);
                    return false;
                }
                if (flushes != flushesAtStart) {
                    // Flushed while this block waited for room: the rest of it is as stale as the queue was.
                    dropStale(block.size() - i);
                    return true;
                }
                queue.addLast(new Frame(sessionId, emitted++, block.width(), block.height(), block.frames().get(i), now, 0));
                stats.framesEmitted.increment();
                notEmpty.signal();
            }
            if (hold) {
                awaitTurn(flushesAtStart);
            }
            return !aborted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The just-in-time hold of the block queued last by {@code offer(..., false)}: returns when it is
     * time to generate the next block (at once while unmeasured, in {@link Pacing#LATEST}, on flush or abort).
     */
    void holdUntilTurn() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            awaitTurn(flushes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link Pacing#LATEST}: a new block makes every frame not yet released stale — the queued ones
     * are dropped now, the one in flight at its tick (its tick then goes to the new block). Unlike
     * {@link #flush()} a producer still queuing a block keeps its frames. Under the lock.
     */
    private void supersede() {
        stats.framesDropped.add(queue.size());
        queue.clear();
        flushedBelow = emitted;
        notFull.signalAll();
    }

    /** Counts frames handed over but stale as emitted and dropped; they take sequence numbers like shown ones. */
    private void dropStale(int frames) {
        stats.framesEmitted.add(frames);
        stats.framesDropped.add(frames);
        emitted += frames;
    }

    /**
     * Holds the producer (under the lock) until it is time to generate the next block: the frame
     * after the queued ones is due at {@code max(nextTick, now) + pending × interval}; the model
     * needs its lead before that. Returns at once while nothing is measured, and on flush or abort.
     */
    private void awaitTurn(long flushesAtStart) throws InterruptedException {
        while (justInTime && !latestWins && !aborted && flushes == flushesAtStart) {
            long interval = intervalNanos();
            long lead = compute.leadNanos(slackNanos(interval));
            int pending = queue.size() + (inFlight ? 1 : 0);
            if (lead < 0 || pending == 0) {
                return;
            }
            long now = System.nanoTime();
            long due = Math.max(nextTick, now) + pending * interval;
            long wait = due - lead - now;
            if (wait <= 0) {
                return;
            }
            turn.awaitNanos(wait);
        }
    }

    /**
     * Scheduling slack on top of the model's own jitter: a fifth of an interval, at least 4 ms —
     * the model thread and the release thread both have to be scheduled on a busy machine.
     */
    private static long slackNanos(long interval) {
        return Math.max(4_000_000L, interval / 5);
    }

    private long intervalNanos() {
        return Math.max((long) (1e9 / rate.rate()), sinkInterval());
    }

    /**
     * Releases at most {@code fps} frames a second for the next {@code validNanos} (a sink's
     * backpressure); {@code fps <= 0} lifts the limit. A limit not renewed lapses by itself.
     */
    void limitRate(double fps, long validNanos) {
        sinkLimitUntil = System.nanoTime() + validNanos;
        sinkIntervalNanos = fps > 0 ? (long) (1e9 / fps) : 0;
    }

    /** The sink's minimum release interval while its limit holds, else 0. */
    private long sinkInterval() {
        long interval = sinkIntervalNanos;
        return interval > 0 && sinkLimitUntil - System.nanoTime() > 0 ? interval : 0;
    }

    /** The sink's limit in frames per second, 0 when none holds. */
    double sinkLimit() {
        long interval = sinkInterval();
        return interval > 0 ? 1e9 / interval : 0;
    }

    /**
     * Drops every frame handed over before now and not released yet: queued ones, one waiting for
     * its tick, and the rest of a block still being queued. Lets a producer held back (full queue
     * or just-in-time wait) go on at once: the next frame it emits is the next one shown, one
     * interval after the last release at the earliest. A block the model was generating while this
     * ran is kept — it may be the model's only answer to the change (a model that renders on
     * demand) — so at most that one block can still show the old state.
     */
    void flush() {
        lock.lock();
        try {
            flushes++;
            flushedBelow = emitted;
            stats.framesDropped.add(queue.size());
            queue.clear();
            notFull.signalAll();
            turn.signalAll();
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
            turn.signalAll();
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
        // LATEST: the nominal time of the next release; a block's first frame may go half an interval before it.
        long slot = next;
        try {
            while (true) {
                Frame frame = take();
                if (frame == null) {
                    return;
                }
                boolean latest = latestWins;
                long interval = latest ? Math.max(capIntervalNanos, sinkInterval()) : intervalNanos();
                long now = System.nanoTime();
                if (now > next) {
                    // Late (queue was empty or we were descheduled): start a new cadence instead of
                    // catching up, which would release this frame and the next less than an interval apart.
                    next = now;
                }
                long early = frame.sequence() == latestBlockStart ? interval / 2 : 0;
                sleepUntil(latest ? slot - early : next, frame.sequence());
                long releasedAt = releaseTime(frame.sequence(), interval);
                if (releasedAt == FLUSHED) {
                    // Flushed while it waited for its tick; the next fresh frame may take this tick.
                    stats.framesDropped.increment();
                    continue;
                }
                if (releasedAt < 0) {
                    // Stopped while this frame waited for its tick: it is dropped like the queued ones.
                    stats.framesDropped.increment();
                    return;
                }
                deliver(frame.released(released++, releasedAt));
                // From the actual release, so that no two frames are ever closer than one interval.
                next = releasedAt + interval;
                slot = Math.max(slot, releasedAt) + interval;
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
            inFlight = true;
            notFull.signal();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    private static final long ABORTED = -1;
    private static final long FLUSHED = -2;

    /**
     * The release timestamp, {@link #ABORTED} or {@link #FLUSHED}. Taken under the lock so that no
     * frame carries a release time later than the {@link #abort()} or {@link #flush()} that should
     * have dropped it.
     */
    private long releaseTime(long sequence, long interval) {
        lock.lock();
        try {
            inFlight = false;
            if (aborted) {
                return ABORTED;
            }
            if (sequence < flushedBelow) {
                return FLUSHED;
            }
            long now = System.nanoTime();
            nextTick = now + interval;
            return now;
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
     * accuracy. Returns early on abort or flush, so neither waits out a long interval.
     */
    private void sleepUntil(long deadline, long sequence) throws InterruptedException {
        while (!aborted && sequence >= flushedBelow) {
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
