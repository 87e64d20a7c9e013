package dev.reactorstudio.runtime.livekit;

/**
 * The API key and secret that sign access tokens (HS256: the same secret signs and verifies).
 * The key travels in each token's {@code iss}; the secret never leaves the server.
 */
public record LiveKitCredentials(String apiKey, String apiSecret) {

    /** The defaults of {@code livekit-server --dev}, so tokens minted by LiveKit tools for a dev server work here too. */
    public static final LiveKitCredentials DEV = new LiveKitCredentials("devkey", "secret");

    public LiveKitCredentials {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the LiveKit API key must not be empty (--livekit-key)");
        }
        if (apiSecret == null || apiSecret.isEmpty()) {
            throw new IllegalArgumentException("the LiveKit API secret must not be empty (--livekit-secret)");
        }
    }

    public boolean isDev() {
        return equals(DEV);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "LiveKitCredentials[apiKey=" + apiKey + (isDev() ? ", dev secret" : ", secret hidden") + "]";
    }
}
