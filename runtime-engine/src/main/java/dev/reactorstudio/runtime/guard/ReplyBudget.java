package dev.reactorstudio.runtime.guard;

import java.util.function.LongSupplier;

/**
 * How many replies one client may be sent per second about what it did wrong (a refused command,
 * a frame that does nothing). A client flooding bad messages must not make the server flood
 * replies: past the budget, replies are only counted. Thread-safe.
 */
public final class ReplyBudget {
    /** The budget every data-channel transport gives one viewer. */
    public static final int REFUSALS_PER_SECOND = 20;

    private final int perSecond;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int sentInWindow;
    private long suppressed;

    public ReplyBudget(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    public ReplyBudget(int perSecond, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** True when one more reply may go out in this second; counts it as suppressed otherwise. */
    public synchronized boolean admit() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            sentInWindow = 0;
        }
        if (sentInWindow >= perSecond) {
            suppressed++;
            return false;
        }
        sentInWindow++;
        return true;
    }

    /** Replies left unsent because of the budget. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
