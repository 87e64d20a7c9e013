package dev.reactorstudio.runtime.guard;

import java.util.concurrent.atomic.LongAdder;

/**
 * The largest message a viewer may send over a data channel. Larger ones are dropped before they
 * are decoded — the model never sees them — and counted.
 */
public final class MessageLimit {
    private final int maxBytes;
    private final LongAdder dropped = new LongAdder();

    public MessageLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** True when a message of {@code bytes} may be handled; counts it as dropped otherwise. */
    public boolean admits(long bytes) {
        if (bytes > maxBytes) {
            dropped.increment();
            return false;
        }
        return true;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Messages dropped for their size since start. */
    public long dropped() {
        return dropped.sum();
    }
}
