package dev.reactorstudio.runtime.host;

import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.Map;

/**
 * How to host a model: session tunables that are not the model's own business, the environment
 * weights are resolved against (passed in so tests and the studio can set it), the weights
 * registry to pull missing weights from, and how Python models are run (interpreter, restart backoff).
 */
public record HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment,
                          RegistrySettings registry, PythonOptions python, int commandQueue) {

    /** With the default command queue ({@link SessionSettings#DEFAULT_COMMAND_QUEUE}). */
    public HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment,
                       RegistrySettings registry, PythonOptions python) {
        this(orphanTimeout, stopGrace, queueDepth, environment, registry, python, SessionSettings.DEFAULT_COMMAND_QUEUE);
    }

    public static HostOptions defaults() {
        Map<String, String> env = System.getenv();
        return new HostOptions(SessionSettings.DEFAULT_ORPHAN_TIMEOUT, SessionSettings.DEFAULT_STOP_GRACE,
                SessionSettings.DEFAULT_QUEUE_DEPTH, env,
                RegistrySettings.fromEnvironment(env), PythonOptions.defaults());
    }

    public HostOptions withOrphanTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, queueDepth, environment, registry, python, commandQueue);
    }

    public HostOptions withStopGrace(Duration grace) {
        return new HostOptions(orphanTimeout, grace, queueDepth, environment, registry, python, commandQueue);
    }

    public HostOptions withQueueDepth(int depth) {
        return new HostOptions(orphanTimeout, stopGrace, depth, environment, registry, python, commandQueue);
    }

    /** Also re-reads the registry settings from {@code env} ({@code REACTOR_REGISTRY}, {@code REACTOR_CACHE_DIR}, …). */
    public HostOptions withEnvironment(Map<String, String> env) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, env, RegistrySettings.fromEnvironment(env), python, commandQueue);
    }

    public HostOptions withRegistry(RegistrySettings settings) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, settings, python, commandQueue);
    }

    public HostOptions withPython(PythonOptions options) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, registry, options, commandQueue);
    }

    /** Commands a session queues for the model at most; more are refused. */
    public HostOptions withCommandQueue(int commands) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, registry, python, commands);
    }
}
