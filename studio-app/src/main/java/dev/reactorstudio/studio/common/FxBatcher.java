package dev.reactorstudio.studio.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Carries items produced on engine threads (log lines, model messages) to the FX thread.
 * The queue is bounded — when the FX thread falls behind the oldest items are dropped — and at
 * most one drain is pending on the FX thread at a time, so a chatty model can never pile up
 * unbounded work there.
 */
public final class FxBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final int capacity;
    private final Consumer<List<T>> onFxThread;

    public FxBatcher(int capacity, Consumer<List<T>> onFxThread) {
        this.capacity = capacity;
        this.onFxThread = onFxThread;
    }

    /** Any thread. Never blocks. */
    public void offer(T item) {
        queue.add(item);
        if (size.incrementAndGet() > capacity && queue.poll() != null) {
            size.decrementAndGet();
            dropped.increment();
        }
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    /** Items thrown away because the FX thread was behind. */
    public long dropped() {
        return dropped.sum();
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            size.decrementAndGet();
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            onFxThread.accept(batch);
        }
    }
}
