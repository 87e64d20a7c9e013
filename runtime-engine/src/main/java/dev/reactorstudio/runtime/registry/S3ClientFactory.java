package dev.reactorstudio.runtime.registry;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the one synchronous S3 client a {@link WeightRegistry} uses. Credentials and region come
 * from the settings' environment first (so the studio and tests can pass their own), then from the
 * SDK's default chains (profiles, SSO, instance roles) — for a custom endpoint without the EC2
 * instance metadata service unless {@value #IMDS_VARIABLE}{@code =true}.
 */
final class S3ClientFactory {
    /** {@code true} lets a custom endpoint take credentials from the EC2 instance metadata service too. */
    static final String IMDS_VARIABLE = "REACTOR_REGISTRY_IMDS";
    private S3ClientFactory() {}

    static S3Client create(RegistrySettings settings) {
        RegionChoice region = region(settings);
        S3ClientBuilder builder = S3Client.builder()
                .region(region.region())
                // A bucket in another region answers 301; without a configured region we cannot know
                // it up front, so let the SDK follow to the bucket's region.
                .crossRegionAccessEnabled(region.guessed())
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(settings.connections() + 4)
                        .socketTimeout(settings.readTimeout())
                        .connectionTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Requests that fail before their body starts are retried by the SDK (with backoff);
                        // bodies that break off are resumed by ChunkFetcher. Both honour maxAttempts.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .build());
        settings.endpoint().ifPresent(uri -> builder.endpointOverride(uri)
                // Most S3-compatible stores (MinIO, S3Proxy, Ceph) have no virtual-host DNS.
                .forcePathStyle(true)
                // Older S3-compatible stores reject the SDK's default trailing CRC32 on uploads;
                // downloads are verified by us anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    record RegionChoice(Region region, boolean guessed) {}

    static RegionChoice region(RegistrySettings settings) {
        Optional<String> fromEnv = Optional.ofNullable(settings.environment().get("AWS_REGION"))
                .or(() -> Optional.ofNullable(settings.environment().get("AWS_DEFAULT_REGION")))
                .filter(s -> !s.isBlank());
        if (fromEnv.isPresent()) {
            return new RegionChoice(Region.of(fromEnv.get().strip()), false);
        }
        try {
            if (settings.endpoint().isPresent()) {
                // A custom endpoint rarely cares about the region: read the profile only, never probe
                // the EC2 metadata service (seconds of timeouts off EC2).
                return new RegionChoice(new AwsProfileRegionProvider().getRegion(), false);
            }
            return new RegionChoice(DefaultAwsRegionProviderChain.builder().build().getRegion(), false);
        } catch (RuntimeException none) {
            // No region anywhere: S3-compatible stores ignore it, and AWS redirects us (cross-region access).
            return new RegionChoice(Region.US_EAST_1, true);
        }
    }

    static AwsCredentialsProvider credentials(RegistrySettings settings) {
        var env = settings.environment();
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token));
        }
        String profile = env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            return ProfileCredentialsProvider.create(profile);
        }
        if (settings.endpoint().isPresent() && !"true".equalsIgnoreCase(env.getOrDefault(IMDS_VARIABLE, ""))) {
            // A custom endpoint is not on EC2's S3: never probe the instance metadata service for it
            // (seconds of timeouts off EC2) unless asked; with no keys or profile, say so at once.
            return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                    EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
                    ProfileCredentialsProvider.create()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
