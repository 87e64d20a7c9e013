package dev.reactorstudio.runtime.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the runtime's sessions, frames and commands. Plain and lock-free: the metrics
 * endpoint reads them, the hot path only increments.
 */
public final class SessionStats {
    final LongAdder sessionsStarted = new LongAdder();
    final Map<EndReason, LongAdder> sessionsEnded = new ConcurrentHashMap<>();
    final LongAdder framesEmitted = new LongAdder();
    final LongAdder framesDelivered = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final Map<String, LongAdder> commandsOk = new ConcurrentHashMap<>();
    final Map<String, LongAdder> commandsFailed = new ConcurrentHashMap<>();
    final Map<String, LongAdder> commandsRejected = new ConcurrentHashMap<>();
    final LongAdder audioFramesEmitted = new LongAdder();
    final LongAdder audioFramesPlayed = new LongAdder();
    final LongAdder audioFramesSkipped = new LongAdder();
    /** Delivery rate, smoothed over about a second of releases. */
    private volatile double deliveryFps;
    private long lastDeliveryNanos;
    private double smoothedIntervalNanos;

    public long sessionsStarted() {
        return sessionsStarted.sum();
    }

    public Map<EndReason, Long> sessionsEnded() {
        return snapshot(sessionsEnded);
    }

    public long framesEmitted() {
        return framesEmitted.sum();
    }

    public long framesDelivered() {
        return framesDelivered.sum();
    }

    public long framesDropped() {
        return framesDropped.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Commands by name that ran and returned normally. */
    public Map<String, Long> commandsOk() {
        return snapshot(commandsOk);
    }

    /** Commands by name that ran and threw. */
    public Map<String, Long> commandsFailed() {
        return snapshot(commandsFailed);
    }

    /** Commands by name rejected by validation before running. */
    public Map<String, Long> commandsRejected() {
        return snapshot(commandsRejected);
    }

    /** Audio sample frames (per channel, 48 kHz) the model emitted, played, and skipped to stay in sync. */
    public long audioFramesEmitted() {
        return audioFramesEmitted.sum();
    }

    public long audioFramesPlayed() {
        return audioFramesPlayed.sum();
    }

    public long audioFramesSkipped() {
        return audioFramesSkipped.sum();
    }

    public double deliveryFps() {
        return deliveryFps;
    }

    /** Called by the pacer thread only. */
    void recordDelivery(long nanos) {
        if (lastDeliveryNanos != 0) {
            // Smooth the interval, then invert: averaging 1/interval instead would overstate the rate under jitter.
            double interval = Math.max(1, nanos - lastDeliveryNanos);
            smoothedIntervalNanos = smoothedIntervalNanos == 0 ? interval
                    : smoothedIntervalNanos + 0.1 * (interval - smoothedIntervalNanos);
            deliveryFps = 1e9 / smoothedIntervalNanos;
        }
        lastDeliveryNanos = nanos;
    }

    void resetDeliveryClock() {
        lastDeliveryNanos = 0;
        smoothedIntervalNanos = 0;
        deliveryFps = 0;
    }

    static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static <K> Map<K, Long> snapshot(Map<K, LongAdder> map) {
        Map<K, Long> copy = new java.util.TreeMap<>();
        map.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
