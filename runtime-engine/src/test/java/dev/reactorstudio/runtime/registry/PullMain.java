package dev.reactorstudio.runtime.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * A second process for {@link ConcurrentPullTest}: pulls one weight and prints each phase change,
 * so the test knows when it holds the lock. Args: endpoint, cache folder, weight.
 */
public final class PullMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "access", "AWS_SECRET_ACCESS_KEY", "secret",
                "REACTOR_REGISTRY", "s3://" + S3Fixture.BUCKET + "/" + S3Fixture.PREFIX, "AWS_ENDPOINT_URL", args[0],
                "REACTOR_CACHE_DIR", args[1]);
        RegistrySettings settings = RegistrySettings.fromEnvironment(env).withConnections(2).withChunkSize(1 << 20);
        PullPhase[] last = {null};
        try (WeightRegistry registry = WeightRegistry.open(settings)) {
            Path folder = registry.pull(args[2], progress -> {
                PullPhase phase = progress.weights().get(0).phase();
                if (phase != last[0]) {
                    last[0] = phase;
                    System.out.println("phase " + phase);
                    System.out.flush();
                }
            });
            System.out.println("done " + folder);
        }
    }
}
