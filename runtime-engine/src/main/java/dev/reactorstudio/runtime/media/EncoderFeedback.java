package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Backpressure from the encoders to the models: every round it reads each viewer's video encoder
 * (outbound-rtp statistics, asked of each peer on its own executor) and tells the session how many
 * frames a second are worth generating ({@link EncoderBackpressure}; the fastest viewer decides, and
 * a session with no viewer is never held). The limit it sets lapses after a few rounds unless
 * renewed, so a viewer that leaves, or an engine that stops polling, never leaves a model held.
 *
 * <p>Runs on one thread (the engine's monitor thread), which owns all its state; the statistics
 * arrive on the peers' executors and are handed back to it.
 */
final class EncoderFeedback {
    /** How often the encoders are read. */
    static final Duration PERIOD = Duration.ofMillis(500);
    /** A limit holds this long unless renewed. */
    static final Duration VALID = PERIOD.multipliedBy(3);

    /** Applies a session's limit: session id, frames per second (0 = none), how long it holds. */
    interface Limiter {
        void limit(String sessionId, double fps, Duration validFor);
    }

    /** One round's totals over every viewer's encoder, for benchmarks: frames encoded, seconds encoding. */
    record Totals(long framesEncoded, double encodeSeconds) {
    }

    private final Executor thread;
    private final Limiter limiter;
    /** Per encoder (peer id and stats id): its decision state. Only on {@link #thread}. */
    private final Map<String, EncoderBackpressure> encoders = new HashMap<>();
    private volatile Totals totals = new Totals(0, 0);
    private boolean polling;

    EncoderFeedback(Executor thread, Limiter limiter) {
        this.thread = thread;
        this.limiter = limiter;
    }

    /** The totals of the last round (encoders of closed peers no longer count). */
    Totals totals() {
        return totals;
    }

    /**
     * One round, on the monitor thread: reads the encoders of {@code peers} and, once all
     * answered (or a period passed), applies each session's limit. A round still waiting for
     * its statistics makes the next one a no-op, so slow peers never pile up requests.
     *
     * @param pushed frames pushed so far into a session's video source
     */
    void poll(Iterable<ViewerPeer> peers, ToLongFunction<String> pushed) {
        if (polling) {
            return;
        }
        List<CompletableFuture<List<Encoder>>> reads = new ArrayList<>();
        for (ViewerPeer peer : peers) {
            String sessionId = peer.videoSessionId();
            if (sessionId != null && !peer.isClosing()) {
                reads.add(peer.stats().thenApply(report -> encodersOf(peer.id(), sessionId, report))
                        .completeOnTimeout(List.of(), PERIOD.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(closed -> List.of()));
            }
        }
        polling = true;
        // Each read completes (empty on timeout or a closed peer), so this always runs and ends the round.
        CompletableFuture<Void> unused = CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .whenCompleteAsync((ignored, error) -> {
                    polling = false;
                    List<Encoder> read = new ArrayList<>();
                    reads.forEach(r -> read.addAll(r.getNow(List.of())));
                    apply(read, pushed, System.nanoTime());
                }, thread);
    }

    /** Decides and applies the limits of one round's readings (on the monitor thread; tests call it directly). */
    void apply(List<Encoder> read, ToLongFunction<String> pushed, long nanos) {
        Map<String, Double> limits = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long frames = 0;
        double seconds = 0;
        for (Encoder encoder : read) {
            seen.add(encoder.key());
            frames += encoder.framesEncoded();
            seconds += encoder.encodeSeconds();
            double fps = encoders.computeIfAbsent(encoder.key(), k -> new EncoderBackpressure())
                    .next(new EncoderBackpressure.Reading(nanos, pushed.applyAsLong(encoder.sessionId()),
                            encoder.framesEncoded(), encoder.encodeSeconds(), encoder.bytesSent(), encoder.targetBps()));
            // The fastest viewer decides: no limit (0) from any encoder means none for the session.
            limits.merge(encoder.sessionId(), fps, (a, b) -> a == 0 || b == 0 ? 0 : Math.max(a, b));
        }
        encoders.keySet().retainAll(seen);
        totals = new Totals(frames, seconds);
        limits.forEach((sessionId, fps) -> limiter.limit(sessionId, fps, VALID));
    }

    /** One viewer's video encoder as its statistics describe it (0 for what they lack). */
    record Encoder(String key, String sessionId, long framesEncoded, double encodeSeconds, long bytesSent, double targetBps) {
        Encoder(String key, String sessionId, long framesEncoded, double encodeSeconds) {
            this(key, sessionId, framesEncoded, encodeSeconds, 0, 0);
        }
    }

    private static List<Encoder> encodersOf(String peerId, String sessionId, RTCStatsReport report) {
        List<Encoder> found = new ArrayList<>();
        for (RTCStats stats : report.getStats().values()) {
            Map<String, Object> values = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP && "video".equals(String.valueOf(values.get("kind")))
                    && values.get("framesEncoded") instanceof Number encoded) {
                double seconds = values.get("totalEncodeTime") instanceof Number t ? t.doubleValue() : 0;
                long bytes = values.get("bytesSent") instanceof Number b ? b.longValue() : 0;
                double target = values.get("targetBitrate") instanceof Number t ? t.doubleValue() : 0;
                found.add(new Encoder(peerId + "/" + stats.getId(), sessionId, encoded.longValue(), seconds, bytes, target));
            }
        }
        return found;
    }

    /** For callers that already hold the sessions' sources by id. */
    static ToLongFunction<String> pushedFrom(Function<String, SessionVideoSource> sources) {
        return id -> {
            SessionVideoSource source = sources.apply(id);
            return source == null ? 0 : source.framesPushed();
        };
    }
}
