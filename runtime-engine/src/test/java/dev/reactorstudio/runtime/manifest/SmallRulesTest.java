package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void keySuggesterForgivesCaseDashesAndSmallTypos() {
        assertThat(KeySuggester.closest("Model-Name", ManifestKeys.ALL)).hasValue("model_name");
        assertThat(KeySuggester.closest("reactor_runtime", ManifestKeys.ALL)).hasValue("reactor-runtime");
        assertThat(KeySuggester.closest("arg", ManifestKeys.ALL)).hasValue("args");
        assertThat(KeySuggester.closest("version", ManifestKeys.ALL)).hasValue("model_version");
        assertThat(KeySuggester.closest("class_name", ManifestKeys.ALL)).hasValue("class");
        assertThat(KeySuggester.closest("license", ManifestKeys.ALL)).isEmpty();
        assertThat(KeySuggester.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void modelNameSanitizingGivesAValidName() {
        assertThat(ModelNameRule.sanitize("My Model!")).isEqualTo("my-model");
        assertThat(ModelNameRule.sanitize("__LongLive")).isEqualTo("longlive");
        assertThat(ModelNameRule.sanitize("!!!")).isEqualTo("my-model");
        assertThat(ModelNameRule.sanitize("x".repeat(100))).hasSize(64);
    }

    @Test
    void classReferenceParsesTheThreeFormsAndRejectsTheRest() {
        assertThat(ClassReference.parse("model_pattern.java:PatternModel"))
                .hasValue(new ClassReference.SourceFile("model_pattern", "PatternModel"));
        assertThat(ClassReference.parse("model_longlive.py:LongLiveVideoModel"))
                .hasValue(new ClassReference.SourceFile("model_longlive", "LongLiveVideoModel"));
        assertThat(ClassReference.parse("models.jar:com.acme.Model"))
                .hasValue(new ClassReference.JarClass("models.jar", "com.acme.Model"));
        assertThat(ClassReference.parse("com.acme.Model")).hasValue(new ClassReference.QualifiedClass("com.acme.Model"));
        for (String bad : List.of("", "Model", "a:b:C", ".jar:C", "lib/x.jar:a.B", "m:1Model", "com..Model")) {
            assertThat(ClassReference.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void manifestDefaultsAndDefensiveCopies() {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("fps", 24);
        Manifest m = new Manifest(Path.of("m"), "0.1.0", "com.acme.M", new ClassReference.QualifiedClass("com.acme.M"),
                "m", "1.0.0", args, null);
        args.put("fps", 60);
        m.args().put("fps", 90);
        assertThat(m.fps()).isEqualTo(24.0);
        assertThat(m.weights()).isEmpty();
        Manifest bare = new Manifest(Path.of("m"), "0.1.0", "com.acme.M", new ClassReference.QualifiedClass("com.acme.M"),
                "m", "1.0.0", null, List.of());
        assertThat(bare.args().isEmpty()).isTrue();
        assertThat(bare.fps()).isEqualTo(Manifest.DEFAULT_FPS);
    }

    @Test
    void problemToStringIsPathColonMessageAndPlainMessageForTheWholeFile() {
        assertThat(new ManifestProblem(Severity.ERROR, "args.fps", "bad")).hasToString("args.fps: bad");
        assertThat(new ManifestProblem(Severity.ERROR, "", "bad")).hasToString("bad");
        assertThat(new ManifestProblem(Severity.WARNING, "x", "m").line()).isEqualTo(-1);
    }

    @Test
    void checkSplitsErrorsFromWarnings() {
        ManifestCheck c = ManifestCheck.failed(List.of(new ManifestProblem(Severity.WARNING, "a", "w"),
                new ManifestProblem(Severity.ERROR, "b", "e")));
        assertThat(c.ok()).isFalse();
        assertThat(c.errors()).extracting(ManifestProblem::path).containsExactly("b");
        assertThat(c.warnings()).extracting(ManifestProblem::path).containsExactly("a");
    }

    @Test
    void jsonPathsQuoteKeysThatAreNotPlain() {
        assertThat(LocatedJson.member("", "reactor-runtime")).isEqualTo("reactor-runtime");
        assertThat(LocatedJson.member("args", "fps")).isEqualTo("args.fps");
        assertThat(LocatedJson.member("args", "a b")).isEqualTo("args[\"a b\"]");
        assertThat(LocatedJson.element("weights", 2)).isEqualTo("weights[2]");
    }
}
