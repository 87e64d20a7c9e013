package dev.reactorstudio.runtime.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a token the way LiveKit's server does: HS256 only, {@code iss} = our API key,
 * {@code exp} required, 60 s leeway, {@code nbf} honoured, {@code video.roomJoin} true, a
 * room and an identity present. The room must be one this server hosts. The permission flags
 * become an {@link AccessGrant}, which the server enforces ({@link GrantEnforcer}).
 */
final class TokenVerifier {
    /** LiveKit's server allows this much clock skew; tokens from other tools expect it. */
    private static final long LEEWAY_SECONDS = 60;

    private final JWTVerifier verifier;
    private final String hostedRoom;

    TokenVerifier(LiveKitCredentials credentials, String hostedRoom) {
        this.verifier = JWT.require(Algorithm.HMAC256(credentials.apiSecret()))
                .withIssuer(credentials.apiKey())
                .withClaimPresence("exp")
                .acceptLeeway(LEEWAY_SECONDS)
                .build();
        this.hostedRoom = hostedRoom;
    }

    AccessGrant verify(String token) throws TokenRejectedException {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException(401, "no authorization token: pass ?access_token=<JWT>");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (JWTVerificationException e) {
            throw new TokenRejectedException(401, "invalid authorization token: " + e.getMessage());
        }
        Map<String, Object> video = jwt.getClaim("video").asMap();
        if (video == null || !Boolean.TRUE.equals(video.get("roomJoin"))) {
            throw new TokenRejectedException(401, "permissions denied: the token has no video.roomJoin grant");
        }
        String room = video.get("room") instanceof String r ? r : "";
        if (room.isEmpty()) {
            throw new TokenRejectedException(400, "no room name: the token's video.room is empty");
        }
        if (!room.equals(hostedRoom)) {
            throw new TokenRejectedException(401, "permissions denied: this server hosts room \"" + hostedRoom
                    + "\", the token is for \"" + room + "\"");
        }
        String identity = firstNonEmpty(jwt.getSubject(), jwt.getId());
        if (identity.isEmpty()) {
            throw new TokenRejectedException(400, "no identity: the token has neither sub nor jti");
        }
        return new AccessGrant(identity, firstNonEmpty(stringClaim(jwt, "name"), identity), room,
                allowedUnlessFalse(video.get("canSubscribe")), allowedUnlessFalse(video.get("canPublish")),
                allowedUnlessFalse(video.get("canPublishData")), sources(video.get("canPublishSources")),
                firstNonEmpty(stringClaim(jwt, "metadata"), ""));
    }

    /** {@code video.canPublishSources}: a list of source names; anything else (absent, not a list) means any source. */
    private static List<String> sources(Object claim) {
        if (!(claim instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** LiveKit's permission flags are optional booleans: absent means allowed. */
    private static boolean allowedUnlessFalse(Object flag) {
        return !Boolean.FALSE.equals(flag);
    }

    private static String stringClaim(DecodedJWT jwt, String name) {
        Claim claim = jwt.getClaim(name);
        return claim.isMissing() || claim.isNull() ? null : claim.asString();
    }

    private static String firstNonEmpty(String first, String second) {
        if (first != null && !first.isEmpty()) {
            return first;
        }
        return second == null ? "" : second;
    }
}
