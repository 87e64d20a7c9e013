package dev.reactorstudio.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.RuntimeBinding;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.djl.DjlDefaults;
import dev.reactorstudio.runtime.manifest.Manifest;
import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestProblem;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.runtime.model.CommandRejectedException;
import dev.reactorstudio.runtime.model.LoadedModel;
import dev.reactorstudio.runtime.model.ModelLoadException;
import dev.reactorstudio.runtime.model.ModelLoader;
import dev.reactorstudio.runtime.registry.ProgressText;
import dev.reactorstudio.runtime.registry.PullProgress;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import dev.reactorstudio.runtime.session.CommandBinder;
import dev.reactorstudio.runtime.python.BridgeStatus;
import dev.reactorstudio.runtime.python.PythonVideoModel;
import dev.reactorstudio.runtime.python.RequirementsProgress;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionHealth;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts one model folder: reads and validates its manifest, makes its weights resolvable (pulling
 * missing ones from the registry before the constructor runs), constructs the model once (the heavy part) and serves it through a {@link SessionManager}.
 * Servers are started before {@link #load()} finishes and report {@link #state()} meanwhile.
 */
public final class ModelHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHost.class);

    private final Path folder;
    private final HostOptions options;
    private volatile HostState state = HostState.LOADING;
    private volatile String loadingDetail = "reading manifest";
    private volatile String failure;
    private volatile Manifest manifest;
    private volatile LoadedModel model;
    private volatile SessionManager sessions;
    private volatile RegistryWeights weights;
    private volatile PullProgress weightsProgress;
    private volatile RequirementsProgress requirementsProgress;
    private volatile boolean closed;

    public ModelHost(Path folder, HostOptions options) {
        this.folder = folder.toAbsolutePath().normalize();
        this.options = options;
    }

    /**
     * Loads the model; blocks for as long as the constructor takes. On failure the state is
     * {@link HostState#FAILED} with a readable {@link #failure()}, and the exception is thrown too.
     */
    public void load() throws ModelHostException {
        try {
            ManifestCheck check = ManifestValidator.read(folder);
            check.warnings().forEach(w -> LOG.warn("manifest.json {}", w));
            if (!check.ok()) {
                throw new ModelHostException("manifest.json has problems:\n" + check.errors().stream()
                        .map(ManifestProblem::toString).map(s -> "  " + s).collect(Collectors.joining("\n")));
            }
            manifest = check.manifest().orElseThrow();
            LocalWeights local = new LocalWeights(folder, manifest.weights(), options.environment(),
                    options.registry().cacheRoot());
            RegistryWeights weights = new RegistryWeights(local, WeightRegistry.open(options.registry()), this::weightsProgress);
            this.weights = weights;
            if (closed) {
                weights.cancel();
            }
            weights.pullMissing(manifest.weights());
            if (closed) {
                throw new ModelHostException("loading stopped before the model was constructed");
            }
            // Before the constructor: a DJL model starts its engine there.
            DjlDefaults.apply();
            loadingDetail = "constructing " + manifest.modelClass();
            LOG.info("Loading model {} {} ({})", manifest.modelName(), manifest.modelVersion(), manifest.modelClass());
            // This host's weights, for this model only: other hosts in the JVM have their own.
            RuntimeBinding.bindWeights(weights::resolve);
            try {
                RequirementsProgress.Listener caller = options.python().requirementsListener();
                model = ModelLoader.load(folder, manifest.modelClass(), manifest.args(),
                        options.python().withRequirementsListener(new RequirementsProgress.Listener() {
                            @Override
                            public void onProgress(RequirementsProgress p) {
                                requirementsProgress(p);
                                caller.onProgress(p);
                            }

                            @Override
                            public boolean stopRequested() {
                                return closed || caller.stopRequested(); // cancelLoad(): Stop in the studio
                            }
                        }));
            } finally {
                RuntimeBinding.unbindWeights();
            }
            ClassLoader modelLoader = model.instance().getClass().getClassLoader();
            if (modelLoader != ModelHost.class.getClassLoader()) {
                // A model's own classes (compiled or from its jars) find this host's weights later too. Engine
                // classes (the Python bridge) are shared by every host, so they are never keyed.
                RuntimeBinding.registerWeights(modelLoader, weights::resolve);
            }
            LOG.info("Model loaded in {} ms", model.loadTime().toMillis());
            sessions = new SessionManager(model.instance(), commandBinder(model), sessionSettings(manifest),
                    options.uploads());
            state = HostState.READY;
        } catch (ModelLoadException e) {
            fail(e.getMessage());
            throw new ModelHostException(e.getMessage(), e);
        } catch (ModelHostException e) {
            fail(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            fail("loading failed: " + e);
            throw new ModelHostException("loading failed: " + e, e);
        }
    }

    /** Health shows e.g. {@code loading weights: LongLive 3.2/10.0 GB (120.0 MB/s, ETA 58 s)}. */
    private void weightsProgress(PullProgress progress) {
        weightsProgress = progress;
        if (state != HostState.LOADING || progress.finished()) {
            return;
        }
        progress.weights().stream().filter(w -> !w.phase().finished()).findFirst().ifPresent(w -> {
            String of = progress.weights().size() > 1
                    ? " (weight " + (progress.weights().indexOf(w) + 1) + " of " + progress.weights().size() + ")" : "";
            loadingDetail = "loading weights: " + ProgressText.of(w) + of;
        });
    }

    /** A Python model's requirements.txt being installed: health shows e.g. {@code installing requirements 2/5: numpy}. */
    private void requirementsProgress(RequirementsProgress progress) {
        requirementsProgress = progress;
        if (state == HostState.LOADING) {
            loadingDetail = progress.finished() ? "starting " + manifest.modelClass() : progress.text();
        }
    }

    /** The latest progress of installing a Python model's requirements; empty when there was none. */
    public Optional<RequirementsProgress> requirementsProgress() {
        return Optional.ofNullable(requirementsProgress);
    }

    /** The latest weights pull progress, for the studio's progress view; empty before any pull. */
    public Optional<PullProgress> weightsProgress() {
        return Optional.ofNullable(weightsProgress);
    }

    private void fail(String message) {
        failure = message;
        state = HostState.FAILED;
    }

    private SessionSettings sessionSettings(Manifest manifest) {
        SessionSettings settings = SessionSettings.defaults()
                .withFpsCap(manifest.fps())
                .withQueueDepth(options.queueDepth())
                .withOrphanTimeout(options.orphanTimeout())
                .withStopGrace(options.stopGrace())
                .withCommandQueue(options.commandQueue())
                .withTracks(manifest.tracks());
        return manifest.size().map(hw -> settings.withDefaultSize(hw[1], hw[0])).orElse(settings);
    }

    /** Adapts the model's command registry to the session layer: validation errors become rejections. */
    private static CommandBinder commandBinder(LoadedModel model) {
        return new CommandBinder() {
            @Override
            public Callable<Object> bind(String name, JsonNode args) {
                return bind(name, args, Map.of());
            }

            @Override
            public Callable<Object> bind(String name, JsonNode args, Map<String, UploadedFile> files) {
                try {
                    var call = model.commands().validate(name, args, files);
                    return () -> call.invoke(model.instance());
                } catch (CommandRejectedException e) {
                    throw new InvalidCommandException(e.getMessage(), e.problems());
                }
            }
        };
    }

    public Path folder() {
        return folder;
    }

    public HostState state() {
        return state;
    }

    /** What loading is doing now (for health while {@link HostState#LOADING}). */
    public String loadingDetail() {
        return loadingDetail;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    public Optional<LoadedModel> model() {
        return Optional.ofNullable(model);
    }

    /** The session manager once loaded. */
    public Optional<SessionManager> sessions() {
        return Optional.ofNullable(sessions);
    }

    /**
     * Health of the hosted model once loaded: a Python model's process restarting after a crash
     * makes it unhealthy ({@code restarting python model (attempt 2): ...}); otherwise the sessions'.
     */
    public Optional<SessionHealth> health() {
        SessionManager manager = sessions;
        LoadedModel loaded = model;
        if (manager == null || loaded == null) {
            return Optional.empty();
        }
        if (loaded.instance() instanceof PythonVideoModel python && !python.status().running()) {
            BridgeStatus status = python.status();
            return Optional.of(new SessionHealth(false, status.state().name().toLowerCase(java.util.Locale.ROOT),
                    status.detail()));
        }
        return Optional.of(manager.health());
    }

    /**
     * Stops a {@link #load()} running on another thread as soon as it can: a weights pull is
     * cancelled now (its partial files stay for the next run) and the constructor is not reached;
     * a constructor already running finishes first. {@link #close()} still frees the rest.
     */
    public void cancelLoad() {
        closed = true;
        RegistryWeights w = weights;
        if (w != null) {
            w.cancel();
        }
    }

    /** Ends the session (within the stop grace), then the model: a Python model's process exits. */
    @Override
    public void close() {
        closed = true;
        RegistryWeights w = weights;
        if (w != null) {
            w.close(); // stops a pull in progress; its .part files stay for the next run
        }
        SessionManager manager = sessions;
        if (manager != null) {
            manager.close();
        }
        LoadedModel loaded = model;
        if (loaded != null) {
            RuntimeBinding.unregisterWeights(loaded.instance().getClass().getClassLoader());
            try {
                loaded.close();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("Closing the model failed", e);
            }
        }
    }

    /** Names of the manifest's weights, for status displays. */
    public List<String> weightNames() {
        Manifest m = manifest;
        return m == null ? List.of() : m.weights();
    }
}
