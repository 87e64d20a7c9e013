package dev.reactorstudio.runtime.server;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.metrics.PrometheusText;
import dev.reactorstudio.runtime.session.SessionInfo;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prometheus view of one runtime. Values are read from the session layer's counters at scrape
 * time (callback metrics), so the frame path never touches the metrics library.
 */
final class RuntimeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ModelHost host;

    RuntimeMetrics(ModelHost host) {
        this.host = host;
        counter("reactor_sessions_started", "Sessions started", s -> s.sessionsStarted());
        CounterWithCallback.builder().name("reactor_sessions_ended").help("Sessions ended, by reason")
                .labelNames("reason")
                .callback(cb -> stats().ifPresent(s -> s.sessionsEnded().forEach((r, n) -> cb.call(n, r.wireName()))))
                .register(registry);
        counter("reactor_frames_emitted", "Frames the model emitted into the pacer", SessionStats::framesEmitted);
        counter("reactor_frames_delivered", "Frames the pacer released to sinks", SessionStats::framesDelivered);
        counter("reactor_frames_dropped", "Frames dropped (session stopped with frames queued)", SessionStats::framesDropped);
        counter("reactor_messages_sent", "Messages the model sent", SessionStats::messagesSent);
        commandCounter();
        gauge("reactor_session_active", "1 while a session runs", info -> 1.0);
        gauge("reactor_emit_rate_fps", "Measured generation rate the pacer releases at", SessionInfo::emitRateFps);
        gauge("reactor_delivery_fps", "Frames per second released to sinks", SessionInfo::deliveryFps);
        gauge("reactor_pacer_queue_frames", "Frames waiting in the pacer", info -> (double) info.queuedFrames());
        GaugeWithCallback.builder().name("reactor_model_loaded").help("1 once the model is constructed")
                .callback(cb -> cb.call(host.model().isPresent() ? 1 : 0)).register(registry);
    }

    private Optional<SessionStats> stats() {
        return host.sessions().map(SessionManager::stats);
    }

    private void counter(String name, String help, Function<SessionStats, Long> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(stats().map(value).orElse(0L)))
                .register(registry);
    }

    private void commandCounter() {
        CounterWithCallback.builder().name("reactor_commands").help("Commands by name and result")
                .labelNames("command", "result")
                .callback(cb -> stats().ifPresent(s -> {
                    s.commandsOk().forEach((c, n) -> cb.call(n, c, "ok"));
                    s.commandsFailed().forEach((c, n) -> cb.call(n, c, "error"));
                    s.commandsRejected().forEach((c, n) -> cb.call(n, c, "rejected"));
                }))
                .register(registry);
    }

    private void gauge(String name, String help, Function<SessionInfo, Double> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(host.sessions().flatMap(SessionManager::current)
                        .map(s -> value.apply(s.info())).orElse(0.0)))
                .register(registry);
    }

    /** Prometheus text, served as {@link PrometheusText#CONTENT_TYPE}. */
    String scrape() {
        return PrometheusText.of(registry);
    }
}
