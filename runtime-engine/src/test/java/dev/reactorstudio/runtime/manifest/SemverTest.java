package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    @Test
    void parsesCorePreReleaseAndBuild() {
        Semver v = Semver.parse("1.2.3-rc.1+build.7");
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(2);
        assertThat(v.patch()).isEqualTo(3);
        assertThat(v.preRelease()).isEqualTo("rc.1");
        assertThat(v.build()).isEqualTo("build.7");
        assertThat(v).hasToString("1.2.3-rc.1+build.7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", " 1.0.0", "1.0.0.0",
            "", "a.b.c", "99999999999999999999.0.0"})
    void rejectsTextThatIsNotSemver(String text) {
        assertThat(Semver.tryParse(text)).isEmpty();
    }

    @Test
    void parseNamesTheBadTextAndTheExpectedForm() {
        assertThatThrownBy(() -> Semver.parse("1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"1.0\"").hasMessageContaining("MAJOR.MINOR.PATCH");
    }

    @Test
    void ordersBySemverPrecedence() {
        // The example list from semver.org §11, in ascending order.
        List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0");
        List<Semver> shuffled = new ArrayList<>(expected.stream().map(Semver::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(42));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(Semver::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void buildMetadataDoesNotAffectPrecedenceButDoesAffectEquality() {
        Semver a = Semver.parse("1.0.0+a");
        Semver b = Semver.parse("1.0.0+b");
        assertThat(a.compareTo(b)).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(Semver.parse("1.0.0+a")).isEqualTo(a).hasSameHashCodeAs(a);
    }

    @Test
    void suggestsTheVersionAnAuthorProbablyMeant() {
        assertThat(Semver.suggestionFor("1.0")).hasValue(Semver.parse("1.0.0"));
        assertThat(Semver.suggestionFor("2")).hasValue(Semver.parse("2.0.0"));
        assertThat(Semver.suggestionFor("v1.2.3")).hasValue(Semver.parse("1.2.3"));
        assertThat(Semver.suggestionFor("01.02.3")).hasValue(Semver.parse("1.2.3"));
        assertThat(Semver.suggestionFor("1.0-beta")).hasValue(Semver.parse("1.0.0-beta"));
        assertThat(Semver.suggestionFor("latest")).isEmpty();
    }
}
