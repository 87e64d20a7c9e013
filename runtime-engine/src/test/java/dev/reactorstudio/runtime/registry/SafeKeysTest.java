package dev.reactorstudio.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys that would write outside the weight folder (or over the cache's own files) are refused. */
class SafeKeysTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = S3Fixture.extension();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"p/W/../escape.txt", "p/W/a/../../b", "p/W//etc/passwd", "p/W/C:/x", "p/W/a\\..\\b",
            "p/W/./x", "p/W/x.part", "p/W/x.part.state", "p/W/.reactor-complete.json"})
    void refusesEscapingOrReservedKeys(String key) {
        assertThatThrownBy(() -> SafeKeys.relativePath("p/W/", key))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problem()).isEqualTo(RegistryProblem.UNSAFE_KEY));
    }

    @Test
    void acceptsNestedPaths() throws Exception {
        assertThat(SafeKeys.relativePath("p/W/", "p/W/a/b/c.bin")).isEqualTo("a/b/c.bin");
        assertThat(SafeKeys.relativePath("p/W/", "p/W/..hidden")).isEqualTo("..hidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "", "x y", "/abs"})
    void refusesWeightNamesThatAreNotOneFolder(String name) {
        assertThatThrownBy(() -> SafeKeys.checkWeightName(name)).isInstanceOf(RegistryException.class);
    }

    @Test
    void aRegistryWithAnEscapingKeyIsRefusedAndNothingIsWritten() throws Exception {
        S3Fixture s3 = new S3Fixture(S3);
        s3.put(S3Fixture.PREFIX + "/Evil/ok.bin", new byte[] {1, 2, 3});
        // S3Proxy's backend cannot even store "a/../b" keys; a Windows-style escape it can.
        s3.put(S3Fixture.PREFIX + "/Evil/..\\..\\escape.txt", new byte[] {4});
        Path cache = dir.resolve("cache");
        try (WeightRegistry registry = WeightRegistry.open(s3.settings(cache))) {
            RegistryException e = catchThrowableOfType(RegistryException.class, () -> registry.pull("Evil", PullProgressListener.NONE));
            assertThat(e.problem()).isEqualTo(RegistryProblem.UNSAFE_KEY);
            assertThat(e.getMessage()).contains("refusing registry key");
        }
        assertThat(dir.resolve("escape.txt")).doesNotExist();
        assertThat(cache.resolve("escape.txt")).doesNotExist();
        assertThat(cache.resolve("Evil")).doesNotExist();
        assertThat(Files.exists(cache.resolve("Evil/ok.bin"))).isFalse();
    }
}
