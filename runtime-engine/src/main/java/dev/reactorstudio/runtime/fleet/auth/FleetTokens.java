package dev.reactorstudio.runtime.fleet.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Mints and checks HS256 tokens with one shared secret. A token must carry {@code sub} and
 * {@code exp}; {@code nbf}/{@code iat} are honoured when present (1 s leeway for clock skew).
 * The verifier is pinned to HS256, so {@code alg: none} and any other algorithm are refused.
 */
public final class FleetTokens {
    public static final String ROLE_CLAIM = "reactor_role";
    public static final String MODEL_CLAIM = "reactor_model";
    /** Shorter secrets make HS256 guessable offline. */
    public static final int MIN_SECRET_BYTES = 16;

    /** A token that passed: who it is for and what it may do. */
    public record Verified(String subject, Role role, String model) {
        /** True when the token may be used for {@code modelName} (unscoped tokens may be used for any). */
        public boolean allowsModel(String modelName) {
            return model == null || model.equals(modelName);
        }
    }

    private final Algorithm algorithm;
    private final JWTVerifier verifier;

    public FleetTokens(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (e.g. `openssl rand -hex 32`)");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.verifier = JWT.require(algorithm).withClaimPresence("sub").withClaimPresence("exp")
                .acceptLeeway(1).build();
    }

    public String mint(String subject, Role role, Duration ttl) {
        return mint(subject, role, ttl, null);
    }

    /** @param model restricts the token to one model name; null allows every model */
    public String mint(String subject, Role role, Duration ttl, String model) {
        Instant now = Instant.now();
        var builder = JWT.create().withSubject(subject).withIssuedAt(now).withExpiresAt(now.plus(ttl));
        if (role != Role.CLIENT) {
            builder.withClaim(ROLE_CLAIM, role.claim());
        }
        if (model != null) {
            builder.withClaim(MODEL_CLAIM, model);
        }
        return builder.sign(algorithm);
    }

    /** Checks an {@code Authorization} header value ({@code Bearer <jwt>}) and the role it must have. */
    public Verified verifyHeader(String authorization, Role required) throws TokenRejectedException {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenRejectedException("missing token: send Authorization: Bearer <jwt>");
        }
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejectedException("Authorization must be \"Bearer <jwt>\"");
        }
        return verify(value.substring(7).strip(), required);
    }

    public Verified verify(String token, Role required) throws TokenRejectedException {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new TokenRejectedException("token expired at " + e.getExpiredOn());
        } catch (AlgorithmMismatchException e) {
            throw new TokenRejectedException("token algorithm is not HS256 (alg: none and others are refused)");
        } catch (SignatureVerificationException e) {
            throw new TokenRejectedException("bad token signature (signed with another secret?)");
        } catch (MissingClaimException e) {
            throw new TokenRejectedException("token has no " + e.getClaimName() + " claim (sub and exp are required)");
        } catch (IncorrectClaimException e) {
            throw new TokenRejectedException("token claim " + e.getClaimName() + " is not valid yet or wrong");
        } catch (JWTDecodeException e) {
            throw new TokenRejectedException("not a JWT: " + e.getMessage());
        } catch (JWTVerificationException e) {
            throw new TokenRejectedException("token rejected: " + e.getMessage());
        }
        Role role = roleOf(jwt);
        if (role != required) {
            throw new TokenRejectedException("a " + role.claim() + " token cannot be used here (needs a "
                    + required.claim() + " token)");
        }
        return new Verified(jwt.getSubject(), role, jwt.getClaim(MODEL_CLAIM).asString());
    }

    private static Role roleOf(DecodedJWT jwt) throws TokenRejectedException {
        String claim = jwt.getClaim(ROLE_CLAIM).asString();
        if (claim == null) {
            return Role.CLIENT;
        }
        try {
            return Role.valueOf(claim.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("unknown " + ROLE_CLAIM + " \"" + claim + "\"");
        }
    }
}
