package dev.reactorstudio.runtime.registry;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API in-process: S3Proxy (in-memory backend) on 127.0.0.1, a bucket, and helpers to put
 * weights into it. Tests reach it directly or through a {@link FaultProxy}.
 */
final class S3Fixture {
    static final String BUCKET = "weights-registry";
    static final String PREFIX = "models";

    static S3ProxyExtension extension() {
        return S3ProxyExtension.builder()
                .withBlobStoreProvider("transient")
                .withCredentials("access", "secret")
                // SDK 2.57 sends x-amz-mp-object-size on CompleteMultipartUpload; S3Proxy 4.1 answers 501 otherwise.
                .ignoreUnknownHeaders()
                .build();
    }

    private final S3ProxyExtension s3;
    private final S3Client client;

    S3Fixture(S3ProxyExtension s3) {
        this.s3 = s3;
        this.client = S3Client.builder().endpointOverride(s3.getUri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .forcePathStyle(true).build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    URI uri() {
        return s3.getUri();
    }

    S3Client client() {
        return client;
    }

    /** Settings for a registry at s3://weights-registry/models through {@code endpoint}, caching in {@code cache}. */
    RegistrySettings settings(URI endpoint, Path cache) {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "access", "AWS_SECRET_ACCESS_KEY", "secret",
                "REACTOR_REGISTRY", "s3://" + BUCKET + "/" + PREFIX, "AWS_ENDPOINT_URL", endpoint.toString(),
                "REACTOR_CACHE_DIR", cache.toString());
        return RegistrySettings.fromEnvironment(env).withConnections(4).withChunkSize(1 << 20)
                .withRetries(3, Duration.ofSeconds(2));
    }

    RegistrySettings settings(Path cache) {
        return settings(uri(), cache);
    }

    void put(String key, byte[] data) {
        client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
    }

    /** Uploads every file under {@code folder} as weight {@code name} with single PUTs (ETag = MD5). */
    void putWeight(String name, Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String key = PREFIX + "/" + name + "/" + folder.relativize(file).toString().replace('\\', '/');
                client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file));
            }
        }
    }
}
