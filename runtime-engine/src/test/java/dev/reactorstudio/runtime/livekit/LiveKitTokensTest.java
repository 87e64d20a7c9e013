package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveKitTokensTest {
    private final LiveKitTokens tokens = new LiveKitTokens(LiveKitCredentials.DEV);

    @Test
    void mintedTokenAdmitsItsIdentityToTheLocalRoom() throws Exception {
        AccessGrant grant = tokens.verify(tokens.mint("viewer-1", "local", Duration.ofMinutes(5)));

        assertThat(grant.identity()).isEqualTo("viewer-1");
        assertThat(grant.name()).isEqualTo("viewer-1");
        assertThat(grant.room()).isEqualTo(LiveKitTokens.ROOM);
        assertThat(grant.canSubscribe()).isTrue();
        assertThat(grant.canPublishData()).isTrue();
    }

    @Test
    void mintedTokenHasLiveKitsClaimLayout() {
        var jwt = JWT.decode(tokens.mint("viewer-1", "local", Duration.ofMinutes(5)));

        assertThat(jwt.getIssuer()).isEqualTo("devkey");
        assertThat(jwt.getSubject()).isEqualTo("viewer-1");
        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getClaim("video").asMap())
                .containsEntry("roomJoin", true).containsEntry("room", "local").containsEntry("canPublish", false);
    }

    @Test
    void aPublisherTokenMayPublishAndAViewerTokenMayNot() throws Exception {
        assertThat(tokens.verify(tokens.mint("cam", "local", Duration.ofMinutes(5), true)).canPublish()).isTrue();
        assertThat(tokens.verify(tokens.mint("v", "local", Duration.ofMinutes(5), false)).canPublish()).isFalse();
    }

    @Test
    void explicitFalseGrantsAndPublishSourcesAreRead() throws Exception {
        String token = JWT.create().withIssuer("devkey").withSubject("limited")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(600)))
                .withClaim("video", Map.of("roomJoin", true, "room", "local", "canSubscribe", false,
                        "canPublishData", false, "canPublishSources", java.util.List.of("camera", "MICROPHONE")))
                .sign(Algorithm.HMAC256("secret"));

        AccessGrant grant = tokens.verify(token);

        assertThat(grant.canSubscribe()).isFalse();
        assertThat(grant.canPublishData()).isFalse();
        assertThat(grant.canPublish()).as("absent means allowed, as on LiveKit's server").isTrue();
        assertThat(grant.publishSources()).containsExactly("camera", "microphone");
    }

    @Test
    void tokenAUserSignsWithTheDevKeyWorksTheSame() throws Exception {
        // The payload livekit-server-sdk produces; absent permission flags mean "allowed".
        String token = JWT.create().withIssuer("devkey").withSubject("someone")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(600)))
                .withClaim("video", Map.of("roomJoin", true, "room", "local"))
                .sign(Algorithm.HMAC256("secret"));

        AccessGrant grant = tokens.verify(token);

        assertThat(grant.identity()).isEqualTo("someone");
        assertThat(grant.canSubscribe()).isTrue();
    }

    @Test
    void expiredTokenIsRejectedWith401() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new LiveKitTokens(LiveKitCredentials.DEV, twoHoursAgo).mint("v", "local", Duration.ofHours(1));

        assertRejected(expired, 401, "expired");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejectedWith401() {
        String forged = new LiveKitTokens(new LiveKitCredentials("devkey", "not-the-secret"))
                .mint("v", "local", Duration.ofMinutes(5));

        assertRejected(forged, 401, "invalid authorization token");
    }

    @Test
    void tokenIssuedForAnotherApiKeyIsRejectedWith401() {
        String other = new LiveKitTokens(new LiveKitCredentials("otherkey", "secret"))
                .mint("v", "local", Duration.ofMinutes(5));

        assertRejected(other, 401, "invalid authorization token");
    }

    @Test
    void tokenForAnotherRoomIsRejectedWith401() {
        assertRejected(tokens.mint("v", "studio", Duration.ofMinutes(5)), 401, "hosts room \"local\"");
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        String noExp = JWT.create().withIssuer("devkey").withSubject("v")
                .withClaim("video", Map.of("roomJoin", true, "room", "local"))
                .sign(Algorithm.HMAC256("secret"));

        assertRejected(noExp, 401, "exp");
    }

    @Test
    void tokenWithoutJoinGrantIsRejectedWith401() {
        String noJoin = JWT.create().withIssuer("devkey").withSubject("v")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(600)))
                .withClaim("video", Map.of("room", "local"))
                .sign(Algorithm.HMAC256("secret"));

        assertRejected(noJoin, 401, "roomJoin");
    }

    @Test
    void tokenWithoutIdentityIsRejectedWith400() {
        String anonymous = JWT.create().withIssuer("devkey")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(600)))
                .withClaim("video", Map.of("roomJoin", true, "room", "local"))
                .sign(Algorithm.HMAC256("secret"));

        assertRejected(anonymous, 400, "no identity");
    }

    @Test
    void missingOrGarbageTokenIsRejectedWith401() {
        assertRejected(null, 401, "no authorization token");
        assertRejected("not.a.jwt", 401, "invalid authorization token");
    }

    @Test
    void credentialsNeverPrintTheSecret() {
        assertThat(new LiveKitCredentials("k", "hunter2").toString()).doesNotContain("hunter2");
    }

    private void assertRejected(String token, int status, String messagePart) {
        assertThatThrownBy(() -> tokens.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(messagePart);
    }
}
