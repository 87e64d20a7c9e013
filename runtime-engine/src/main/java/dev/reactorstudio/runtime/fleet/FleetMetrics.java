package dev.reactorstudio.runtime.fleet;

import dev.reactorstudio.runtime.metrics.PrometheusText;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Prometheus view of one coordinator. Queue length and runtime counts are read from the shared
 * state at scrape time (so they agree across coordinators); wait times, assignments and lost
 * runtimes count what this coordinator did.
 */
final class FleetMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram waitSeconds;
    private final Counter assignments;
    private final Counter lostRuntimes;
    private final Counter closed;
    private final Counter uploads;
    private final Counter uploadBytes;

    FleetMetrics(FleetState state) {
        GaugeWithCallback.builder().name("reactor_fleet_queue_length").help("Sessions waiting, per model")
                .labelNames("model")
                .callback(cb -> {
                    Map<String, Integer> lengths = new HashMap<>();
                    state.queue().forEach(q -> lengths.merge(q.model(), 1, Integer::sum));
                    lengths.forEach((model, n) -> cb.call(n, model));
                })
                .register(registry);
        GaugeWithCallback.builder().name("reactor_fleet_runtimes").help("Runtimes by state (idle, busy, lost)")
                .labelNames("state")
                .callback(cb -> {
                    Map<String, Integer> counts = new HashMap<>(Map.of(RuntimeEntry.IDLE, 0, RuntimeEntry.BUSY, 0,
                            RuntimeEntry.LOST, 0));
                    state.runtimes().forEach(r -> counts.merge(r.state(), 1, Integer::sum));
                    counts.forEach((s, n) -> cb.call(n, s));
                })
                .register(registry);
        waitSeconds = Histogram.builder().name("reactor_fleet_wait_seconds")
                .help("Time from POST /sessions to the session running on a runtime")
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)
                .register(registry);
        assignments = Counter.builder().name("reactor_fleet_assignments").help("Sessions started on a runtime")
                .register(registry);
        lostRuntimes = Counter.builder().name("reactor_fleet_runtimes_lost").help("Runtimes declared lost (no heartbeat)")
                .register(registry);
        closed = Counter.builder().name("reactor_fleet_sessions_closed").help("Sessions closed, by cause")
                .labelNames("cause").register(registry);
        uploads = Counter.builder().name("reactor_fleet_uploads")
                .help("Uploads streamed through this coordinator to a runtime that accepted them").register(registry);
        uploadBytes = Counter.builder().name("reactor_fleet_upload_bytes")
                .help("Bytes of the uploads streamed through this coordinator to a runtime that accepted them").register(registry);
    }

    void uploaded(long bytes) {
        uploads.inc();
        uploadBytes.inc(bytes);
    }

    void assigned(double waitedSeconds) {
        assignments.inc();
        waitSeconds.observe(waitedSeconds);
    }

    void runtimeLost() {
        lostRuntimes.inc();
    }

    void sessionClosed(String cause) {
        closed.labelValues(cause).inc();
    }

    /** Prometheus text, served as {@link PrometheusText#CONTENT_TYPE}. */
    String scrape() {
        return PrometheusText.of(registry);
    }
}
