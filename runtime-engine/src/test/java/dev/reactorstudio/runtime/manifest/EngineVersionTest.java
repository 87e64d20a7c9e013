package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineVersionTest {

    private static final Semver RUNTIME = Semver.parse("1.4.2");

    private static java.util.Optional<String> problem(String required) {
        return EngineVersion.compatibilityProblem(Semver.parse(required), RUNTIME);
    }

    @Test
    void outsideTheJarTheFallbackVersionIsUsed() {
        assertThat(EngineVersion.current()).hasToString(EngineVersion.FALLBACK);
    }

    @Test
    void sameMajorAndNotNewerIsCompatible() {
        assertThat(problem("1.0.0")).isEmpty();
        assertThat(problem("1.4.2")).isEmpty();
        assertThat(problem("1.4.2-rc.1")).isEmpty();
    }

    @Test
    void newerMajorIsRejectedWithTheRuntimeToInstall() {
        assertThat(EngineVersion.compatibilityProblem(Semver.parse("2.1.0"), Semver.parse("0.1.0")))
                .hasValue("model needs runtime 2.1.0 but this is 0.1.0 — install a 2.x runtime or lower \"reactor-runtime\"");
    }

    @Test
    void newerMinorOrPatchIsRejectedWithUpdateAdvice() {
        assertThat(problem("1.5.0")).hasValueSatisfying(m -> assertThat(m)
                .contains("needs runtime 1.5.0 but this is 1.4.2").contains("update the runtime to 1.5.0"));
        assertThat(problem("1.4.3")).isPresent();
    }

    @Test
    void olderMajorIsRejectedBecauseMajorVersionsBreak() {
        assertThat(problem("0.9.0")).hasValueSatisfying(m -> assertThat(m)
                .contains("0.x").contains("but this is 1.4.2"));
    }

    @Test
    void zeroMajorFollowsTheSameRule() {
        Semver zeroOne = Semver.parse("0.1.0");
        assertThat(EngineVersion.compatibilityProblem(Semver.parse("0.1.0"), zeroOne)).isEmpty();
        assertThat(EngineVersion.compatibilityProblem(Semver.parse("0.2.0"), zeroOne)).isPresent();
    }

    @Test
    void theSeedsZeroZeroZeroMeansAnyRuntime() {
        assertThat(problem("0.0.0")).isEmpty();
        assertThat(EngineVersion.compatibilityProblem(Semver.parse("0.0.0"), EngineVersion.current())).isEmpty();
    }
}
