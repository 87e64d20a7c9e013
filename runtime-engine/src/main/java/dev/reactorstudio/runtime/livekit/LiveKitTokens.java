package dev.reactorstudio.runtime.livekit;

import java.time.Clock;
import java.time.Duration;

/**
 * Access tokens for the media server: minted for viewers (the coordinator's {@code /ws} hands
 * them out with {@code gpu-machine-assigned}) and checked on every join. A token a user signs
 * with the same key and secret, for the same room, is just as good.
 */
public final class LiveKitTokens {
    /** The one room this runtime hosts; the seed's runtime used the same name. */
    public static final String ROOM = "local";

    private final LiveKitCredentials credentials;
    private final TokenMinter minter;
    private final TokenVerifier verifier;

    public LiveKitTokens(LiveKitCredentials credentials) {
        this(credentials, Clock.systemUTC());
    }

    LiveKitTokens(LiveKitCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.minter = new TokenMinter(credentials, clock);
        this.verifier = new TokenVerifier(credentials, ROOM);
    }

    /** A viewer token: join {@code room}, subscribe and send data, valid for {@code ttl}; never publish tracks. */
    public String mint(String identity, String room, Duration ttl) {
        return minter.mint(identity, room, ttl);
    }

    /**
     * A viewer token that may also publish tracks when {@code canPublish}: give it to viewers of a
     * model that declares inputs. The server accepts only the model's declared input names.
     */
    public String mint(String identity, String room, Duration ttl, boolean canPublish) {
        return minter.mint(identity, room, ttl, canPublish);
    }

    /**
     * What the token allows.
     *
     * @throws TokenRejectedException with the HTTP status LiveKit would answer (401 or 400)
     */
    public AccessGrant verify(String token) throws TokenRejectedException {
        return verifier.verify(token);
    }

    public LiveKitCredentials credentials() {
        return credentials;
    }
}
