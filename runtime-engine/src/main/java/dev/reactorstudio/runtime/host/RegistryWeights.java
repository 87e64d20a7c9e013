package dev.reactorstudio.runtime.host;

import dev.reactorstudio.runtime.registry.PullProgressListener;
import dev.reactorstudio.runtime.registry.RegistryException;
import dev.reactorstudio.runtime.registry.WeightPull;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model's weights: found locally ({@link LocalWeights}: env override, path, {@code weights/},
 * a completed cache folder) or else pulled from the registry. Owns the {@link WeightRegistry} it
 * pulls with; {@link #cancel()} stops a pull in progress (the host closing mid-load).
 */
final class RegistryWeights implements AutoCloseable {
    private final LocalWeights local;
    private final WeightRegistry registry;
    private final PullProgressListener progress;
    private volatile WeightPull current;
    private volatile boolean cancelled;

    RegistryWeights(LocalWeights local, WeightRegistry registry, PullProgressListener progress) {
        this.local = local;
        this.registry = registry;
        this.progress = progress;
    }

    /** The manifest weights that are neither local nor cached. */
    List<String> missing(List<String> names) {
        return names.stream().filter(n -> !LocalWeights.looksLikePath(n)).filter(n -> local.find(n).isEmpty()).toList();
    }

    /** Pulls every missing weight before the model's constructor runs, so it never waits on a download. */
    void pullMissing(List<String> names) throws ModelHostException {
        List<String> missing = missing(names);
        if (missing.isEmpty()) {
            return;
        }
        if (!registry.configured()) {
            throw new ModelHostException(local.notFound(missing.get(0)) + ", or configure a weights registry with"
                    + " --registry s3://bucket/prefix (or REACTOR_REGISTRY) to download it");
        }
        try {
            pull(missing);
        } catch (RegistryException e) {
            throw new ModelHostException("cannot pull weights " + String.join(", ", missing) + ": " + e.getMessage(), e);
        }
    }

    /** {@code VideoModel.weights(name)}: the local folder, pulling it first when the registry has it. */
    Path resolve(String name) {
        Optional<Path> found = local.find(name);
        if (found.isPresent() || LocalWeights.looksLikePath(name) || !registry.configured()) {
            return found.orElseGet(() -> local.resolve(name));
        }
        try {
            return pull(List.of(name)).get(0);
        } catch (RegistryException e) {
            throw new IllegalStateException("weight \"" + name + "\": " + e.getMessage(), e);
        }
    }

    private synchronized List<Path> pull(List<String> names) throws RegistryException {
        WeightPull pull = registry.pull(names, progress);
        current = pull;
        if (cancelled) {
            pull.cancel();
        }
        try {
            return pull.run();
        } finally {
            current = null;
        }
    }

    void cancel() {
        cancelled = true;
        WeightPull pull = current;
        if (pull != null) {
            pull.cancel();
        }
    }

    @Override
    public void close() {
        cancel();
        registry.close();
    }
}
