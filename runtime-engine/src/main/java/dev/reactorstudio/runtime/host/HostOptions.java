package dev.reactorstudio.runtime.host;

import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import dev.reactorstudio.runtime.session.SessionSettings;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.time.Duration;
import java.util.Map;

/**
 * How to host a model: session tunables that are not the model's own business, the environment
 * weights are resolved against (passed in so tests and the studio can set it), the weights
 * registry to pull missing weights from, how Python models are run (interpreter, restart backoff), and
 * how much clients may upload ({@code reactor run --max-upload-mb}) and how many commands a session
 * holds for a busy model ({@code --max-queued-commands}; {@code ReactorServices} sets it from its limits).
 */
public record HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment,
                          RegistrySettings registry, PythonOptions python, UploadLimits uploads, int commandQueue) {

    public HostOptions(Duration orphanTimeout, Duration stopGrace, int queueDepth, Map<String, String> environment,
                       RegistrySettings registry, PythonOptions python, UploadLimits uploads) {
        this(orphanTimeout, stopGrace, queueDepth, environment, registry, python, uploads,
                SessionSettings.DEFAULT_COMMAND_QUEUE);
    }

    public static HostOptions defaults() {
        Map<String, String> env = System.getenv();
        return new HostOptions(SessionSettings.DEFAULT_ORPHAN_TIMEOUT, SessionSettings.DEFAULT_STOP_GRACE,
                SessionSettings.DEFAULT_QUEUE_DEPTH, env,
                RegistrySettings.fromEnvironment(env), PythonOptions.defaults(), UploadLimits.defaults());
    }

    public HostOptions withOrphanTimeout(Duration timeout) {
        return new HostOptions(timeout, stopGrace, queueDepth, environment, registry, python, uploads, commandQueue);
    }

    public HostOptions withStopGrace(Duration grace) {
        return new HostOptions(orphanTimeout, grace, queueDepth, environment, registry, python, uploads, commandQueue);
    }

    public HostOptions withQueueDepth(int depth) {
        return new HostOptions(orphanTimeout, stopGrace, depth, environment, registry, python, uploads, commandQueue);
    }

    /** Also re-reads the registry settings from {@code env} ({@code REACTOR_REGISTRY}, {@code REACTOR_CACHE_DIR}, …). */
    public HostOptions withEnvironment(Map<String, String> env) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, env, RegistrySettings.fromEnvironment(env), python, uploads, commandQueue);
    }

    public HostOptions withRegistry(RegistrySettings settings) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, settings, python, uploads, commandQueue);
    }

    public HostOptions withUploads(UploadLimits limits) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, registry, python, limits, commandQueue);
    }

    public HostOptions withPython(PythonOptions options) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, registry, options, uploads, commandQueue);
    }

    /** Commands a session holds for a busy model; one more is refused with 429 / {@code commandError}. */
    public HostOptions withCommandQueue(int commands) {
        return new HostOptions(orphanTimeout, stopGrace, queueDepth, environment, registry, python, uploads, commands);
    }
}
