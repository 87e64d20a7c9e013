package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.auth.TokenRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FleetTokensTest {
    static final String SECRET = "test-secret-0123456789abcdef";
    private final FleetTokens tokens = new FleetTokens(SECRET);

    @Test
    void aMintedTokenPassesWithItsSubjectRoleAndModel() throws Exception {
        var verified = tokens.verifyHeader("Bearer " + tokens.mint("alice", Role.CLIENT, Duration.ofMinutes(5), "hello"),
                Role.CLIENT);
        assertThat(verified.subject()).isEqualTo("alice");
        assertThat(verified.allowsModel("hello")).isTrue();
        assertThat(verified.allowsModel("other")).isFalse();
    }

    @Test
    void expiredBadlySignedAndUnsignedTokensAreRejectedWithAReason() {
        String expired = JWT.create().withSubject("a").withExpiresAt(Instant.now().minusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertThatThrownBy(() -> tokens.verify(expired, Role.CLIENT)).isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("expired");
        String otherSecret = new FleetTokens("another-secret-0123456789").mint("a", Role.CLIENT, Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(otherSecret, Role.CLIENT)).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(unsigned("a"), Role.CLIENT)).hasMessageContaining("alg: none");
        String noExp = JWT.create().withSubject("a").sign(Algorithm.HMAC256(SECRET));
        assertThatThrownBy(() -> tokens.verify(noExp, Role.CLIENT)).hasMessageContaining("exp");
        assertThatThrownBy(() -> tokens.verifyHeader(null, Role.CLIENT)).hasMessageContaining("missing token");
        assertThatThrownBy(() -> tokens.verify("not.a.jwt", Role.CLIENT)).hasMessageContaining("not a JWT");
    }

    @Test
    void aTokenOnlyOpensTheRoutesOfItsRole() {
        String runtime = tokens.mint("runtime:r1", Role.RUNTIME, Duration.ofMinutes(1));
        String client = tokens.mint("alice", Role.CLIENT, Duration.ofMinutes(1));
        assertThatThrownBy(() -> tokens.verify(runtime, Role.CLIENT)).hasMessageContaining("runtime token cannot be used");
        assertThatThrownBy(() -> tokens.verify(client, Role.RUNTIME)).hasMessageContaining("client token cannot be used");
        assertThatThrownBy(() -> tokens.verify(client, Role.COORDINATOR)).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void aShortSecretIsRefusedUpFront() {
        assertThatThrownBy(() -> new FleetTokens("short")).hasMessageContaining("at least 16 bytes");
    }

    /** An {@code alg: none} token with valid-looking claims, as an attacker would craft it. */
    static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }
}
