package dev.reactorstudio.runtime.host;

import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.Map;

/**
 * How to host a model: session tunables that are not the model's own business, and the
 * environment weights are resolved against (passed in so tests and the studio can set it).
 */
public record HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment) {

    public static HostOptions defaults() {
        return new HostOptions(SessionSettings.DEFAULT_ORPHAN_TIMEOUT, SessionSettings.DEFAULT_STOP_GRACE, 8, System.getenv());
    }

    public HostOptions withOrphanTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, queueDepth, environment);
    }

    public HostOptions withStopGrace(Duration grace) {
        return new HostOptions(orphanTimeout, grace, queueDepth, environment);
    }

    public HostOptions withEnvironment(Map<String, String> env) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, env);
    }
}
