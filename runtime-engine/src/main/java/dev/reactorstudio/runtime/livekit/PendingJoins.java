package dev.reactorstudio.runtime.livekit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Joins whose signal socket is open but whose peer connection has not connected yet: each holds
 * a libwebrtc peer and ICE work, and a client that never finishes ICE would hold them forever.
 * The same policy as the coordinator's pending viewers ({@code --max-pending-peers},
 * {@code --pending-peer-timeout}): at most {@code max} at once (more are refused before the
 * upgrade), each dropped with {@code JOIN_FAILURE} when not connected within {@code lifetime}.
 * Owns the {@code livekit-pending-joins} timer thread.
 */
final class PendingJoins implements AutoCloseable {
    private final int max;
    private final Duration lifetime;
    private final Set<SignalSession> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "livekit-pending-joins");
        t.setDaemon(true);
        return t;
    });

    PendingJoins(int max, Duration lifetime) {
        this.max = max;
        this.lifetime = lifetime;
    }

    /** True when one more join would exceed the cap (checked before the upgrade). */
    boolean full() {
        return pending.size() >= max;
    }

    /** The 429 text for a refused join. */
    String refusal() {
        return pending.size() + " LiveKit viewers are still connecting, the most --max-pending-peers allows (" + max
                + "); try again when they have connected or timed out (" + lifetime.toSeconds() + " s)";
    }

    /** Watches a newly opened session until it connects, ends, or runs out of time. */
    void watch(SignalSession session) {
        pending.add(session);
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> {
                if (pending.remove(session)) {
                    session.connectTimedOut(lifetime);
                }
            }, lifetime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(session); // the server is closing: it ends every session itself
            return;
        }
        // Either outcome settles the join; nothing waits on the chained futures.
        var unused = session.connected().thenRun(() -> settled(session, timeout));
        var unusedToo = session.closed().whenComplete((ok, failure) -> settled(session, timeout));
    }

    private void settled(SignalSession session, ScheduledFuture<?> timeout) {
        pending.remove(session);
        timeout.cancel(false);
    }

    /** Joins pending now. */
    int count() {
        return pending.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pending.clear();
    }
}
