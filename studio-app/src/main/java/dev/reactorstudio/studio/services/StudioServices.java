package dev.reactorstudio.studio.services;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.runtime.model.ModelLoadException;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's Run and Stop: starts the same {@link ReactorServices} as {@code reactor run} — runtime
 * API, JS SDK coordinator and LiveKit-compatible media server — in this JVM. Starting binds ports and loading runs the model's constructor, both slow, so they run
 * on one owned thread ({@code studio-services}); that single thread also orders a Stop after a
 * Run that is still loading. State changes are published on the FX thread.
 */
public final class StudioServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StudioServices.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "studio-services");
        t.setDaemon(true);
        return t;
    });
    /** The coordinator's JS SDK routes, /ws and viewer page. */
    static final LoggerScope COORDINATOR_LOGS = LoggerScope.of("dev.reactorstudio.runtime.coordinator");
    /** LiveKit signaling and the WebRTC engine it shares with the coordinator. */
    static final LoggerScope MEDIA_LOGS = LoggerScope.of("dev.reactorstudio.runtime.livekit",
            "dev.reactorstudio.runtime.media", "dev.onvoid.webrtc");
    /** Everything else of the engine (host, sessions, model, registry, runtime API), and Run/Stop itself. */
    static final LoggerScope RUNTIME_LOGS = LoggerScope.of("dev.reactorstudio.runtime", "dev.reactorstudio.studio.services")
            .without(COORDINATOR_LOGS, MEDIA_LOGS);

    private final ServiceEndpoint runtime = new ServiceEndpoint("runtime", "Runtime API", ServiceOptions.DEFAULT_RUNTIME_PORT,
            RUNTIME_LOGS, Optional.of(new ServiceEndpoint.BrowserPage("/info", "Open /info")));
    private final ServiceEndpoint coordinator = new ServiceEndpoint("coordinator", "Coordinator (JS SDK, viewer)",
            ServiceOptions.DEFAULT_COORDINATOR_PORT, COORDINATOR_LOGS,
            Optional.of(new ServiceEndpoint.BrowserPage("/", "Open viewer in browser")));
    private final ServiceEndpoint media = new ServiceEndpoint("media", "Media (LiveKit)", ServiceOptions.DEFAULT_MEDIA_PORT,
            MEDIA_LOGS, Optional.empty());
    private final List<ServiceEndpoint> endpoints = List.of(runtime, coordinator, media);
    /** The whole of Run/Stop; always set after the rows, so whoever sees it change sees the rows already updated. */
    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.STOPPED);
    private final List<ServicesListener> listeners = new CopyOnWriteArrayList<>();
    private final String bindHost;
    private final Supplier<HostOptions> hostOptions;
    /** Written on the worker thread only; Stop reads it to cut a load short. */
    private volatile ReactorServices running;
    /** Set by Stop: a load that then fails was stopped, not broken, and is not reported. */
    private volatile boolean stopRequested;

    /**
     * @param hostOptions read on each Run: the environment weights resolve against and the registry
     *                    missing weights are pulled from (the Weights view's settings)
     */
    public StudioServices(String bindHost, Supplier<HostOptions> hostOptions) {
        this.bindHost = bindHost;
        this.hostOptions = hostOptions;
    }

    /** Runtime, coordinator, media — in that order. */
    public List<ServiceEndpoint> endpoints() {
        return endpoints;
    }

    public ServiceEndpoint runtime() {
        return runtime;
    }

    public ServiceEndpoint coordinator() {
        return coordinator;
    }

    public ServiceEndpoint media() {
        return media;
    }

    public ReadOnlyObjectProperty<ServiceState> state() {
        return state;
    }

    public void addListener(ServicesListener listener) {
        listeners.add(listener);
    }

    /** FX thread. Ignored while the services are already starting or up. */
    public void run(Path modelFolder) {
        if (state.get().busy()) {
            return;
        }
        endpoints.forEach(e -> e.state().set(ServiceState.STARTING));
        state.set(ServiceState.STARTING);
        stopRequested = false;
        ServiceOptions options;
        try {
            // The same three services as `reactor run`, each on the port its row asks for (0 = any free port).
            HostOptions host = hostOptions.get();
            // A Python model's requirements install before it loads: the runtime row shows how far.
            host = host.withPython(host.python().withRequirementsListener(
                    p -> Platform.runLater(() -> runtime.step(p.text(), p.fraction(), p.finished()))));
            runtime.step("", -1, true);
            options = ServiceOptions.defaults(modelFolder).withBindHost(bindHost).withHost(host)
                    .withRuntimePort(runtime.requestedPort().get())
                    .withCoordinatorPort(coordinator.requestedPort().get())
                    .withMediaPort(media.requestedPort().get());
        } catch (IllegalArgumentException e) { // e.g. a malformed REACTOR_REGISTRY or AWS_ENDPOINT_URL
            LOG.error("Run failed: {}", e.getMessage());
            fail(e.getMessage(), List.of());
            return;
        }
        worker.execute(() -> start(options));
    }

    /** FX thread. Stops the session, the model and the servers; ports are free when {@link ServicesListener#stopped()} fires. */
    public void stop() {
        ServiceState now = state.get();
        if (now == ServiceState.STOPPED || now == ServiceState.STOPPING) {
            return;
        }
        endpoints.forEach(e -> e.state().set(ServiceState.STOPPING));
        state.set(ServiceState.STOPPING);
        cancelLoading();
        worker.execute(() -> {
            closeRunning();
            Platform.runLater(() -> {
                endpoints.forEach(e -> e.unbound(ServiceState.STOPPED));
                state.set(ServiceState.STOPPED);
                listeners.forEach(ServicesListener::stopped);
            });
        });
    }

    /**
     * Any thread. The worker may be inside loadModel (often a weights pull): cut it short instead of
     * queueing the stop behind it. Harmless once loaded. A load that then fails is not reported.
     */
    private void cancelLoading() {
        stopRequested = true;
        ReactorServices loading = running;
        if (loading != null) {
            loading.host().cancelLoad();
        }
    }

    private void start(ServiceOptions options) {
        ReactorServices services;
        try {
            services = ReactorServices.start(options);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Run failed: {}", e.getMessage());
            if (!stopRequested) {
                fail(e.getMessage(), List.of());
            }
            return;
        }
        running = services;
        if (stopRequested) {
            // Stop came before `running` was visible to it, so it could not cancel the load: skip the load.
            closeRunning();
            return;
        }
        // The coordinator and media server serve as soon as they are bound (the viewer page, /health,
        // token validation); the runtime is up once the model has loaded.
        String runtimeUrl = services.runtimeUrl().toString();
        int runtimePort = services.runtimePort();
        Optional<URI> coordinatorUrl = services.coordinatorUrl();
        Optional<String> mediaUrl = services.mediaUrl();
        Platform.runLater(() -> {
            if (state.get() == ServiceState.STOPPING) {
                return; // a Stop is queued behind this start
            }
            runtime.bound(runtimePort, runtimeUrl, ServiceState.LOADING);
            show(coordinator, coordinatorUrl.map(URI::toString));
            show(media, mediaUrl);
            state.set(ServiceState.LOADING);
        });
        try {
            services.loadModel();
        } catch (ModelHostException e) {
            if (stopRequested) {
                LOG.info("Run stopped while loading ({})", e.getMessage());
                closeRunning();
                return;
            }
            LOG.error("The model did not load: {}", e.getMessage());
            // A model that does not load serves nothing: free the ports right away.
            closeRunning();
            fail(e.getMessage(), compileErrors(e));
            return;
        }
        ModelHost host = services.host();
        Platform.runLater(() -> {
            if (state.get() == ServiceState.STOPPING) {
                return;
            }
            runtime.state().set(ServiceState.UP);
            state.set(ServiceState.UP);
            listeners.forEach(l -> l.ready(host));
        });
    }

    /** A row bound at its URL's port; a service that did not come up (none asked for) stays failed. */
    private static void show(ServiceEndpoint endpoint, Optional<String> url) {
        url.ifPresentOrElse(u -> endpoint.bound(URI.create(u).getPort(), u, ServiceState.UP),
                () -> endpoint.unbound(ServiceState.FAILED));
    }

    private static List<CompileError> compileErrors(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ModelLoadException load) {
                return load.compileErrors();
            }
        }
        return List.of();
    }

    private void fail(String message, List<CompileError> errors) {
        Platform.runLater(() -> {
            endpoints.forEach(e -> e.unbound(ServiceState.FAILED));
            state.set(ServiceState.FAILED);
            listeners.forEach(l -> l.failed(message, errors));
        });
    }

    private void closeRunning() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Stops everything and ends the worker thread (studio exit). Blocks until done. */
    @Override
    public void close() {
        cancelLoading();
        worker.execute(this::closeRunning);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("Services did not stop within 20 s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
