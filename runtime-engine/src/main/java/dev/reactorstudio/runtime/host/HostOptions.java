package dev.reactorstudio.runtime.host;

import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.Map;

/**
 * How to host a model: session tunables that are not the model's own business, the environment
 * weights are resolved against (passed in so tests and the studio can set it), and how Python
 * models are run (interpreter, restart backoff).
 */
public record HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment,
        PythonOptions python) {

    public static HostOptions defaults() {
        return new HostOptions(SessionSettings.DEFAULT_ORPHAN_TIMEOUT, SessionSettings.DEFAULT_STOP_GRACE, 8, System.getenv(),
                PythonOptions.defaults());
    }

    public HostOptions withOrphanTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, queueDepth, environment, python);
    }

    public HostOptions withStopGrace(Duration grace) {
        return new HostOptions(orphanTimeout, grace, queueDepth, environment, python);
    }

    public HostOptions withQueueDepth(int depth) {
        return new HostOptions(orphanTimeout, stopGrace, depth, environment, python);
    }

    public HostOptions withEnvironment(Map<String, String> env) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, env, python);
    }

    public HostOptions withPython(PythonOptions options) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, options);
    }
}
