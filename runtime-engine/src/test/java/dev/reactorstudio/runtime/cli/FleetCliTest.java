package dev.reactorstudio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.reactorstudio.runtime.cli.ReactorCliTest.Result;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet's commands ({@code reactor token}, {@code reactor coordinator}, {@code reactor run --join})
 * with the input an operator gets wrong: each mistake is exit code 2 and one line naming the flag
 * and the fix, never a stack trace, and nothing starts.
 */
class FleetCliTest {
    private static final String SECRET = "fleet-cli-test-secret-0123456789";

    private static Result run(String... args) {
        return ReactorCliTest.run(args);
    }

    private static void assertUsageError(Result result, String... phrases) {
        assertThat(result.exitCode()).as("exit code; err: %s", result.err()).isEqualTo(2);
        assertThat(result.err()).contains(phrases).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aTokenIsAClientTokenSignedWithTheSecretForTheGivenModelAndLifetime() throws Exception {
        Result result = run("token", "--secret", SECRET, "--sub", "alice", "--model", "hello-pattern", "--ttl", "15m");
        assertThat(result.exitCode()).as(result.err()).isZero();
        String token = result.out().strip();

        FleetTokens.Verified verified = new FleetTokens(SECRET).verify(token, Role.CLIENT);
        assertThat(verified.subject()).isEqualTo("alice");
        assertThat(verified.model()).isEqualTo("hello-pattern");
        DecodedJWT jwt = JWT.decode(token);
        assertThat(Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aSecretFileGivesItsFirstLineTrimmed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  " + SECRET + "  \nnot part of the secret\n");
        Result result = run("token", "--secret-file", file.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(new FleetTokens(SECRET).verify(result.out().strip(), Role.CLIENT).subject()).isEqualTo("dev");
    }

    @Test
    void theSecretMustBeGivenOnceAndReadable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET);
        assertUsageError(run("token"), "a shared secret is required", "--jwt-secret-file FILE");
        assertUsageError(run("token", "--secret", SECRET, "--secret-file", file.toString()), "not both");
        assertUsageError(run("token", "--secret-file", dir.resolve("missing").toString()),
                "cannot read --jwt-secret-file", "missing");
        assertUsageError(run("token", "--secret", "short"), "at least 16 bytes", "openssl rand -hex 32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "15x", "-5m", "0s", "1.5h", "99999999999999999d", "9223372036854775807d"})
    void aDurationThatIsNoneIsRefusedWithTheForm(String ttl) {
        assertUsageError(run("token", "--secret", SECRET, "--ttl", ttl), "is not a duration: use e.g. 90s, 15m, 1h, 2d");
    }

    @Test
    void durationsReadEveryUnitAndPlainSeconds() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert(" 90S ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aCoordinatorOnTheNetworkNeedsTheSitesItServes() {
        assertUsageError(run("coordinator", "--host", "0.0.0.0", "--port", "0", "--jwt-secret", SECRET),
                "--host 0.0.0.0 serves other machines", "--allow-origin https://");
    }

    @Test
    void aCoordinatorNeedsAGoodSecretBeforeItStarts() {
        assertUsageError(run("coordinator", "--port", "0"), "reactor coordinator: a shared secret is required");
        assertUsageError(run("coordinator", "--port", "0", "--jwt-secret", "short"), "at least 16 bytes");
    }

    @Test
    void aJoinWithABadCoordinatorUrlOrNoSecretIsAUsageError(@TempDir Path dir) {
        assertUsageError(run("run", dir.toString(), "--port", "0", "--join", "ftp://coordinator:8080", "--jwt-secret", SECRET),
                "--join takes http(s)://HOST:PORT URLs, got ftp://coordinator:8080");
        assertUsageError(run("run", dir.toString(), "--port", "0", "--join", "http://127.0.0.1:9"),
                "a shared secret is required");
    }

    @Test
    void aRuntimeOnTheNetworkMustSayWhereCoordinatorsReachIt(@TempDir Path dir) {
        assertUsageError(run("run", dir.toString(), "--port", "0", "--host", "0.0.0.0", "--join", "http://127.0.0.1:9",
                "--jwt-secret", SECRET), "--host 0.0.0.0 needs --advertise URL", "http://10.0.0.5:");
    }

    @Test
    void fleetFlagsWithoutJoinAreAUsageError(@TempDir Path dir) {
        assertUsageError(run("run", dir.toString(), "--port", "0", "--jwt-secret", SECRET),
                "--jwt-secret, --advertise and --runtime-id only apply with --join URL");
    }
}
