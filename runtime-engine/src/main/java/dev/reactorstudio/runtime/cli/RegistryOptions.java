package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.registry.RegistryLocation;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The registry options shared by {@code run} and {@code weights}: flags win over the environment
 * ({@code REACTOR_REGISTRY}, {@code AWS_ENDPOINT_URL}, {@code REACTOR_CACHE_DIR}).
 */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "s3://BUCKET/PREFIX",
            description = "Weights registry (default: $REACTOR_REGISTRY).")
    String registry;

    @Option(names = "--registry-endpoint", paramLabel = "URL",
            description = "S3-compatible endpoint, addressed path-style (default: $AWS_ENDPOINT_URL).")
    URI endpoint;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Weights cache (default: $REACTOR_CACHE_DIR or ~/.cache/reactor_registry).")
    Path cacheDir;

    @Option(names = "--connections", paramLabel = "N", description = "Parallel downloads (default: 8).")
    Integer connections;

    RegistrySettings apply(RegistrySettings base) {
        RegistrySettings s = base;
        if (registry != null) {
            s = s.withLocation(RegistryLocation.parse(registry));
        }
        if (endpoint != null) {
            s = s.withEndpoint(endpoint);
        }
        if (cacheDir != null) {
            s = s.withCacheRoot(cacheDir);
        }
        if (connections != null) {
            s = s.withConnections(connections);
        }
        return s;
    }

    RegistrySettings settings() {
        return apply(RegistrySettings.fromEnvironment(System.getenv()));
    }
}
