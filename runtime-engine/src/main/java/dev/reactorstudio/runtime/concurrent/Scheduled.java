package dev.reactorstudio.runtime.concurrent;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Scheduling that never loses a failure. A task handed straight to a {@link ScheduledExecutorService}
 * that throws completes its future exceptionally, and nobody reads that future: the failure vanishes
 * and a periodic task (a watchdog, a liveness check) silently stops running for good. These wrappers
 * log the failure on the caller's logger, naming the task, and a periodic task keeps its schedule.
 * The returned futures may be ignored (they never hold a failure); keep them to cancel the task.
 */
public final class Scheduled {
    private Scheduled() {
    }

    /** {@link ScheduledExecutorService#scheduleWithFixedDelay}; a run that throws is logged and the next run still happens. */
    @CanIgnoreReturnValue
    public static ScheduledFuture<?> withFixedDelay(ScheduledExecutorService executor, Logger log, String name,
                                                    Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return executor.scheduleWithFixedDelay(repeating(log, name, task), initialDelay, delay, unit);
    }

    /** {@link ScheduledExecutorService#scheduleAtFixedRate}; a run that throws is logged and the next run still happens. */
    @CanIgnoreReturnValue
    public static ScheduledFuture<?> atFixedRate(ScheduledExecutorService executor, Logger log, String name,
                                                 Runnable task, long initialDelay, long period, TimeUnit unit) {
        return executor.scheduleAtFixedRate(repeating(log, name, task), initialDelay, period, unit);
    }

    /** {@link ScheduledExecutorService#schedule(Runnable, long, TimeUnit)}; a failure is logged. */
    @CanIgnoreReturnValue
    public static ScheduledFuture<?> once(ScheduledExecutorService executor, Logger log, String name,
                                          Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("{} failed", name, e);
                throw e;
            }
        }, delay, unit);
    }

    /** {@code task} made safe to repeat: an exception is logged and swallowed; an Error is logged and ends the schedule. */
    static Runnable repeating(Logger log, String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} failed; it runs again at its next time", name, e);
            } catch (Error e) {
                log.error("{} failed and stops running", name, e);
                throw e;
            }
        };
    }
}
