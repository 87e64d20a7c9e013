package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.api.InputTrack;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buffer behind one declared input: the transport offers frames (dropping the oldest unread
 * when full, so a slow model never backs up the network), the model reads them with
 * {@link #next} or {@link #latest}. Unpublishing or the session's end wakes a waiting reader;
 * frames offered while not live are ignored, so {@link #received} stops when {@link #isLive} turns false.
 */
final class InputBuffer<T> implements InputTrack<T> {
    private final String name;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<T> unread = new ArrayDeque<>();
    private T newest;
    private long received;
    private long dropped;
    private boolean live;
    private boolean closed;

    InputBuffer(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return name;
    }

    void offer(T frame) {
        lock.lock();
        try {
            // Not live: the publisher was released between its holds-check and this offer. Dropping
            // the frame keeps the promise that a model which saw the track stop sees no more of it.
            if (closed || !live) {
                return;
            }
            if (unread.size() >= capacity) {
                unread.pollFirst();
                dropped++;
            }
            unread.addLast(frame);
            newest = frame;
            received++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The index the next offered frame gets. */
    long nextSequence() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    void live(boolean published) {
        lock.lock();
        try {
            live = published;
            if (!published) {
                // What was queued stays readable; a reader waiting for more learns that none is coming.
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The session ended: readers return, later offers are ignored. */
    void close() {
        lock.lock();
        try {
            closed = true;
            live = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T latest() {
        lock.lock();
        try {
            unread.clear();
            return newest;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T next(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (unread.isEmpty()) {
                if (closed || remaining <= 0) {
                    return null;
                }
                boolean wasLive = live;
                remaining = changed.awaitNanos(remaining);
                if (unread.isEmpty() && wasLive && !live) {
                    return null; // unpublished while we waited: say so now rather than at the timeout
                }
            }
            return unread.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isLive() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
