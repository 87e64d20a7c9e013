package dev.reactorstudio.runtime.guard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Session starts per client address in a sliding minute. A client over the limit is told when
 * its next start is allowed. The table forgets clients idle for a minute, so it cannot grow
 * without bound however many addresses call.
 */
public final class StartRateLimiter {
    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();
    /** Beyond this many tracked clients, idle entries are swept on every call. */
    private static final int SWEEP_ABOVE = 1024;

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> starts = new ConcurrentHashMap<>();

    public StartRateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    StartRateLimiter(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /**
     * Counts one start by {@code client}.
     *
     * @return zero when allowed, else the seconds until the client may start again (at least 1)
     */
    public long tryStart(String client) {
        long now = clock.getAsLong();
        if (starts.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Deque<Long> times = starts.computeIfAbsent(client == null ? "?" : client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                long waitNanos = WINDOW_NANOS - (now - times.peekFirst());
                return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            }
            times.addLast(now);
            return 0;
        }
    }

    public int perMinute() {
        return perMinute;
    }

    private void sweep(long now) {
        for (Iterator<Deque<Long>> it = starts.values().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next();
            synchronized (times) {
                if (times.isEmpty() || now - times.peekLast() >= WINDOW_NANOS) {
                    it.remove();
                }
            }
        }
    }

    /** The 429 body's reason. */
    public String refusal(String client, long retryAfterSeconds) {
        return "too many session starts from " + client + ": at most " + perMinute
                + " a minute (--max-starts-per-minute); try again in " + retryAfterSeconds + " s";
    }
}
