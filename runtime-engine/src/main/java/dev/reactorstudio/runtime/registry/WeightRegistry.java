package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The weights registry as the host, the CLI and the studio use it: what the registry holds, what
 * the cache holds, pull (with progress and cancel), verify, push. Local questions ({@link #status},
 * {@link #cachedFolder}, {@link #verify}) never touch the network; the S3 client is created on
 * first remote use, owned here, and closed by {@link #close()}. Thread-safe.
 */
public final class WeightRegistry implements AutoCloseable {
    private final RegistrySettings settings;
    private final CacheLayout layout;
    private S3Client s3;

    private WeightRegistry(RegistrySettings settings) {
        this.settings = settings;
        this.layout = new CacheLayout(settings.cacheRoot());
    }

    public static WeightRegistry open(RegistrySettings settings) {
        return new WeightRegistry(settings);
    }

    public RegistrySettings settings() {
        return settings;
    }

    public CacheLayout cache() {
        return layout;
    }

    /** Whether pulls are possible ({@code --registry} / {@code REACTOR_REGISTRY} set). */
    public boolean configured() {
        return settings.location().isPresent();
    }

    /** The weight folders in the registry. */
    public List<String> remoteWeights() throws RegistryException {
        return new RegistryListing(client(), settings).weightNames();
    }

    /** The objects of one weight in the registry; fails naming the weights that do exist. */
    public List<RemoteObject> remoteObjects(String name) throws RegistryException {
        SafeKeys.checkWeightName(name);
        return new RegistryListing(client(), settings).objects(name);
    }

    /** The cache's state of {@code name}, from disk alone. */
    public WeightStatus status(String name) throws RegistryException {
        return new CacheInspector(layout).status(name);
    }

    /** Every weight folder in the cache, complete or partial. */
    public List<WeightStatus> cachedWeights() throws RegistryException {
        List<WeightStatus> all = new ArrayList<>();
        for (String name : new CacheInspector(layout).names()) {
            all.add(status(name));
        }
        return all;
    }

    /** The folder of {@code name} if it is completely cached (its completion record exists). */
    public Optional<Path> cachedFolder(String name) {
        Path folder = layout.weightFolder(name);
        return CompletionRecord.read(folder).isPresent() ? Optional.of(folder) : Optional.empty();
    }

    /** Prepares a pull; nothing happens until {@link WeightPull#run()}. */
    public WeightPull pull(List<String> names, PullProgressListener listener) {
        return new WeightPull(this::client, settings, names, listener);
    }

    /** Pulls one weight, blocking; returns its folder. */
    public Path pull(String name, PullProgressListener listener) throws RegistryException {
        return pull(List.of(name), listener).run().get(0);
    }

    /** Re-hashes a cached weight against its completion record (offline); demotes it if damaged. */
    public VerifyReport verify(String name) throws RegistryException {
        return new CacheVerifier(settings).verify(name, new CancelSignal());
    }

    /** Uploads {@code folder} as weight {@code name}; with {@code replace}, an existing weight is overwritten. */
    public PushResult push(String name, Path folder, boolean replace, PullProgressListener listener) throws RegistryException {
        return new WeightPusher(client(), settings, new CancelSignal()).push(name, folder, replace, listener);
    }

    private synchronized S3Client client() {
        if (s3 == null) {
            s3 = S3ClientFactory.create(settings);
        }
        return s3;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
