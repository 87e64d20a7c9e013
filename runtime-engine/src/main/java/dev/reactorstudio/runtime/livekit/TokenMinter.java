package dev.reactorstudio.runtime.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs viewer tokens in LiveKit's claim layout, so that any LiveKit server with the same key
 * would accept them too: join the room, subscribe, send data, and publish tracks only when asked
 * (a model that declares inputs; the server still accepts only the declared track names).
 */
final class TokenMinter {
    private final LiveKitCredentials credentials;
    private final Algorithm algorithm;
    private final Clock clock;

    TokenMinter(LiveKitCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.algorithm = Algorithm.HMAC256(credentials.apiSecret());
        this.clock = clock;
    }

    String mint(String identity, String room, Duration ttl) {
        return mint(identity, room, ttl, false);
    }

    String mint(String identity, String room, Duration ttl, boolean canPublish) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("a token needs a non-empty identity");
        }
        if (room == null || room.isBlank()) {
            throw new IllegalArgumentException("a token needs a room name");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's time to live must be positive, got " + ttl);
        }
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("roomJoin", true);
        video.put("room", room);
        video.put("canSubscribe", true);
        video.put("canPublish", canPublish);
        video.put("canPublishData", true);
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(credentials.apiKey())
                .withSubject(identity)
                .withClaim("name", identity)
                .withNotBefore(now)
                .withExpiresAt(now.plus(ttl))
                .withClaim("video", video)
                .sign(algorithm);
    }
}
