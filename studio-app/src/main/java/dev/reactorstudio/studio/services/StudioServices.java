package dev.reactorstudio.studio.services;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.runtime.model.ModelLoadException;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
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
 * API, coordinator and media server — in this JVM. Starting binds ports and loading runs the model's constructor, both slow, so they run
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
    private final ServiceEndpoint runtime = new ServiceEndpoint("runtime", "Runtime API", ServiceOptions.DEFAULT_RUNTIME_PORT,
            "dev.reactorstudio.runtime", "/info");
    /** The JS SDK's apiUrl; its root is the built-in viewer page. */
    private final ServiceEndpoint coordinator = new ServiceEndpoint("coordinator", "Coordinator",
            ServiceOptions.DEFAULT_COORDINATOR_PORT, "dev.reactorstudio.runtime.coordinator,dev.reactorstudio.runtime.media", "/");
    /** livekit-client's URL (ws://): nothing a browser tab can open. */
    private final ServiceEndpoint media = new ServiceEndpoint("media", "Media server (LiveKit)",
            ServiceOptions.DEFAULT_MEDIA_PORT, "dev.reactorstudio.runtime.livekit,dev.reactorstudio.runtime.media", null);
    private final List<ServiceEndpoint> endpoints = List.of(runtime, coordinator, media);
    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.STOPPED);
    private final List<ServicesListener> listeners = new CopyOnWriteArrayList<>();
    private final String bindHost;
    private final Supplier<HostOptions> hostOptions;
    /** Only touched on the worker thread. */
    private ReactorServices running;

    /** @param hostOptions read at each Run (registry settings may have changed since the last) */
    public StudioServices(String bindHost, Supplier<HostOptions> hostOptions) {
        this.bindHost = bindHost;
        this.hostOptions = hostOptions;
    }

    public List<ServiceEndpoint> endpoints() {
        return endpoints;
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
        setState(ServiceState.STARTING);
        ServiceOptions options = ServiceOptions.defaults(modelFolder).withBindHost(bindHost).withHost(hostOptions.get())
                .withRuntimePort(runtime.requestedPort().get())
                .withCoordinatorPort(coordinator.requestedPort().get())
                .withMediaPort(media.requestedPort().get());
        worker.execute(() -> start(options));
    }

    /** FX thread. Stops the session, the model and the servers; ports are free when {@link ServicesListener#stopped()} fires. */
    public void stop() {
        ServiceState now = state.get();
        if (now == ServiceState.STOPPED || now == ServiceState.STOPPING) {
            return;
        }
        setState(ServiceState.STOPPING);
        worker.execute(() -> {
            closeRunning();
            Platform.runLater(() -> {
                setState(ServiceState.STOPPED);
                listeners.forEach(ServicesListener::stopped);
            });
        });
    }

    private void start(ServiceOptions options) {
        ReactorServices services;
        try {
            services = ReactorServices.start(options);
        } catch (RuntimeException e) {
            LOG.error("Run failed: {}", e.getMessage());
            fail(e.getMessage(), List.of());
            return;
        }
        running = services;
        Platform.runLater(() -> {
            runtime.boundPort().set(services.runtimePort());
            runtime.url().set(services.runtimeUrl().toString());
            services.coordinatorUrl().ifPresent(url -> {
                coordinator.boundPort().set(url.getPort());
                coordinator.url().set(url.toString());
            });
            services.mediaUrl().ifPresent(url -> {
                media.boundPort().set(URI.create(url).getPort());
                media.url().set(url);
            });
            setState(ServiceState.LOADING);
        });
        try {
            services.loadModel();
        } catch (ModelHostException e) {
            LOG.error("The model did not load: {}", e.getMessage());
            // A model that does not load serves nothing: free the ports right away.
            closeRunning();
            fail(e.getMessage(), compileErrors(e));
            return;
        }
        ModelHost host = services.host();
        Platform.runLater(() -> {
            setState(ServiceState.UP);
            listeners.forEach(l -> l.ready(host));
        });
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
            setState(ServiceState.FAILED);
            listeners.forEach(l -> l.failed(message, errors));
        });
    }

    private void closeRunning() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private void setState(ServiceState next) {
        state.set(next);
        endpoints.forEach(e -> e.state().set(next));
    }

    /** Stops everything and ends the worker thread (studio exit). Blocks until done. */
    @Override
    public void close() {
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
