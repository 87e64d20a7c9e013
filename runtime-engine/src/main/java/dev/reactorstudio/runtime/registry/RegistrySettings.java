package dev.reactorstudio.runtime.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach the registry and how hard to pull. Built from the environment, then refined by
 * command-line options through the {@code with…} methods.
 *
 * @param location    the registry ({@code REACTOR_REGISTRY}); empty when none is configured
 * @param endpoint    an S3-compatible endpoint ({@code AWS_ENDPOINT_URL}); addressed path-style
 * @param cacheRoot   where weights are cached ({@code REACTOR_CACHE_DIR})
 * @param connections parallel ranged GETs (objects and ranges of large objects share them)
 * @param chunkSize   bytes per ranged GET; also the unit of resume for large objects
 * @param maxAttempts attempts per request before a network problem is reported
 * @param readTimeout how long a silent connection may stall before it is retried
 * @param environment where credentials and region come from first (tests and the studio pass their own)
 */
public record RegistrySettings(Optional<RegistryLocation> location, Optional<URI> endpoint, Path cacheRoot,
                               int connections, long chunkSize, int maxAttempts, Duration readTimeout,
                               Map<String, String> environment) {

    public static final String REGISTRY_VARIABLE = "REACTOR_REGISTRY";
    public static final String CACHE_VARIABLE = "REACTOR_CACHE_DIR";
    // Measured in bench/ (docs/weights-registry.md): 8 connections x 16 MiB saturate loopback here and
    // leave headroom for real S3, where more connections help latency-bound small objects.
    public static final int DEFAULT_CONNECTIONS = 8;
    public static final long DEFAULT_CHUNK_SIZE = 16L << 20;

    public RegistrySettings {
        environment = Map.copyOf(environment);
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        if (chunkSize < 64 * 1024) {
            throw new IllegalArgumentException("chunk size must be at least 64 KiB, got " + chunkSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Settings from {@code REACTOR_REGISTRY}, {@code AWS_ENDPOINT_URL(_S3)} and {@code REACTOR_CACHE_DIR}. */
    public static RegistrySettings fromEnvironment(Map<String, String> env) {
        Optional<RegistryLocation> location = nonBlank(env.get(REGISTRY_VARIABLE)).map(RegistryLocation::parse);
        Optional<URI> endpoint = nonBlank(env.get("AWS_ENDPOINT_URL_S3")).or(() -> nonBlank(env.get("AWS_ENDPOINT_URL")))
                .map(URI::create);
        return new RegistrySettings(location, endpoint, defaultCacheRoot(env), DEFAULT_CONNECTIONS, DEFAULT_CHUNK_SIZE,
                5, Duration.ofSeconds(30), env);
    }

    /** {@code ~/.cache/reactor_registry}, or {@code REACTOR_CACHE_DIR}. */
    public static Path defaultCacheRoot(Map<String, String> env) {
        return nonBlank(env.get(CACHE_VARIABLE)).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "reactor_registry"));
    }

    public RegistrySettings withLocation(RegistryLocation value) {
        return new RegistrySettings(Optional.of(value), endpoint, cacheRoot, connections, chunkSize, maxAttempts, readTimeout, environment);
    }

    public RegistrySettings withEndpoint(URI value) {
        return new RegistrySettings(location, Optional.of(value), cacheRoot, connections, chunkSize, maxAttempts, readTimeout, environment);
    }

    public RegistrySettings withCacheRoot(Path value) {
        return new RegistrySettings(location, endpoint, value, connections, chunkSize, maxAttempts, readTimeout, environment);
    }

    public RegistrySettings withConnections(int value) {
        return new RegistrySettings(location, endpoint, cacheRoot, value, chunkSize, maxAttempts, readTimeout, environment);
    }

    public RegistrySettings withChunkSize(long value) {
        return new RegistrySettings(location, endpoint, cacheRoot, connections, value, maxAttempts, readTimeout, environment);
    }

    public RegistrySettings withRetries(int attempts, Duration timeout) {
        return new RegistrySettings(location, endpoint, cacheRoot, connections, chunkSize, attempts, timeout, environment);
    }

    /** The location, or a {@link RegistryProblem#NOT_CONFIGURED} failure that says how to set one. */
    public RegistryLocation requireLocation() throws RegistryException {
        return location.orElseThrow(() -> new RegistryException(RegistryProblem.NOT_CONFIGURED,
                "no weights registry configured — pass --registry s3://bucket/prefix or set " + REGISTRY_VARIABLE));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
