package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    private static final Path FOLDER = Path.of("models", "longlive");
    private static final Semver RUNTIME = Semver.parse("0.1.0");

    private static ManifestCheck check(String json) {
        return ManifestValidator.validate(json, FOLDER, RUNTIME);
    }

    /** A valid manifest with one top-level member replaced (or added) by {@code member}, e.g. {@code "args": []}. */
    private static ManifestCheck checkWith(String key, String valueJson) {
        StringBuilder json = new StringBuilder("{\n");
        String[][] base = {{"reactor-runtime", "\"0.1.0\""}, {"class", "\"model_pattern:PatternModel\""},
                {"model_name", "\"pattern\""}, {"model_version", "\"1.0.0\""}};
        boolean replaced = false;
        for (String[] kv : base) {
            String value = kv[0].equals(key) ? valueJson : kv[1];
            replaced |= kv[0].equals(key);
            if (value != null) {
                json.append("  \"").append(kv[0]).append("\": ").append(value).append(",\n");
            }
        }
        if (!replaced) {
            json.append("  \"").append(key).append("\": ").append(valueJson).append(",\n");
        }
        json.setLength(json.length() - 2);
        return check(json.append("\n}\n").toString());
    }

    private static ManifestCheck without(String key) {
        return checkWith(key, null);
    }

    private static ManifestProblem only(ManifestCheck check) {
        assertThat(check.problems()).hasSize(1);
        return check.problems().get(0);
    }

    private static ManifestProblem onlyError(ManifestCheck check) {
        assertThat(check.ok()).isFalse();
        assertThat(check.manifest()).isEmpty();
        return only(check);
    }

    @Nested
    class TheSeedExample {

        @Test
        void loadsWithoutProblems() {
            ManifestCheck check = check(SeedManifest.TEXT);
            assertThat(check.problems()).isEmpty();
            assertThat(check.ok()).isTrue();
            Manifest m = check.manifest().orElseThrow();
            assertThat(m.folder()).isEqualTo(FOLDER);
            assertThat(m.reactorRuntime()).isEqualTo("0.0.0");
            assertThat(m.modelClass()).isEqualTo("model_longlive:LongLiveVideoModel");
            assertThat(m.classReference()).isEqualTo(new ClassReference.SourceFile("model_longlive", "LongLiveVideoModel"));
            assertThat(m.modelName()).isEqualTo("longlive");
            assertThat(m.modelVersion()).isEqualTo("1.0.0");
            assertThat(m.weights()).containsExactly("LongLive", "Wan2_1_VAE", "WanVideo_comfy");
            assertThat(m.fps()).isEqualTo(30.0);
            assertThat(m.size()).hasValueSatisfying(s -> assertThat(s).containsExactly(480, 640));
        }

        @Test
        void loadsAgainstTheRealEngineVersion() {
            assertThat(ManifestValidator.validate(SeedManifest.TEXT, FOLDER).ok()).isTrue();
        }
    }

    @Nested
    class WholeFile {

        @Test
        void topLevelArrayIsRejected() {
            ManifestProblem p = onlyError(check("[1, 2]"));
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).isEqualTo("the manifest must be a JSON object {...}, but this file holds an array");
            assertThat(p.line()).isEqualTo(1);
        }

        @Test
        void byteOrderMarkIsTolerated() {
            assertThat(check("\uFEFF" + SeedManifest.TEXT).ok()).isTrue();
        }

        @Test
        void problemsAreReportedAllAtOnceInDocumentOrder() {
            ManifestCheck c = check("""
                    {
                      "reactor-runtime": "0.1",
                      "class": "PatternModel",
                      "model_name": "Pattern Model",
                      "model_version": "1",
                      "weights": ["a", "a"],
                      "descripton": "x"
                    }
                    """);
            assertThat(c.problems()).extracting(ManifestProblem::path)
                    .containsExactly("reactor-runtime", "class", "model_name", "model_version", "weights[1]", "descripton");
            assertThat(c.problems()).extracting(ManifestProblem::line).containsExactly(2, 3, 4, 5, 6, 7);
            assertThat(c.errors()).hasSize(5);
            assertThat(c.warnings()).hasSize(1);
        }

        @Test
        void missingKeysComeAfterPositionedProblemsInTheSeedsOrder() {
            ManifestCheck c = check("{\"args\": 3}");
            assertThat(c.problems()).extracting(ManifestProblem::path)
                    .containsExactly("args", "reactor-runtime", "class", "model_name", "model_version");
            assertThat(c.problems().get(1).hasPosition()).isFalse();
        }

        @Test
        void duplicateKeyIsAnErrorAtItsSecondOccurrence() {
            ManifestCheck c = check(SeedManifest.TEXT.replace("\"weights\"", "\"model_name\": \"other\",\n  \"weights\""));
            ManifestProblem p = onlyError(c);
            assertThat(p.path()).isEqualTo("model_name");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).isEqualTo("given twice (also at line 4) — keep one; only the last one would count");
        }

        @Test
        void problemPositionPointsAtTheOffendingValue() {
            ManifestProblem p = onlyError(checkWith("model_version", "\"1.0\""));
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(20);
        }
    }

    @Nested
    class RequiredStrings {

        @Test
        void missingModelNameSaysWhatToAdd() {
            assertThat(onlyError(without("model_name"))).hasToString(
                    "model_name: missing — add \"model_name\": \"my-model\" (lowercase letters, digits, - or _)");
        }

        @Test
        void everyRequiredKeyIsReportedWhenMissing() {
            assertThat(onlyError(without("reactor-runtime")).message())
                    .isEqualTo("missing — add \"reactor-runtime\": \"0.1.0\" (the runtime version the model needs)");
            assertThat(onlyError(without("class")).message()).contains("\"class\": \"model_file:ClassName\"");
            assertThat(onlyError(without("model_version")).message()).contains("\"model_version\": \"1.0.0\"");
        }

        @Test
        void numberWhereAStringBelongsSaysExpectedStringGotNumber() {
            assertThat(onlyError(checkWith("model_version", "1.0"))).hasToString(
                    "model_version: expected a string, got a number (1.0) — write it in double quotes, like \"1.0.0\"");
        }

        @Test
        void nullOrArrayWhereAStringBelongsIsRejected() {
            assertThat(onlyError(checkWith("model_name", "null")).message()).startsWith("expected a string, got null");
            assertThat(onlyError(checkWith("class", "[\"a\"]")).message()).startsWith("expected a string, got an array");
        }
    }

    @Nested
    class ReactorRuntime {

        @Test
        void mustBeSemver() {
            assertThat(onlyError(checkWith("reactor-runtime", "\"0.1\"")))
                    .hasToString("reactor-runtime: \"0.1\" is not semver — use MAJOR.MINOR.PATCH like \"0.1.0\"");
        }

        @Test
        void newerMajorRuntimeIsRejected() {
            assertThat(onlyError(checkWith("reactor-runtime", "\"2.1.0\""))).hasToString("reactor-runtime: model needs"
                    + " runtime 2.1.0 but this is 0.1.0 — install a 2.x runtime or lower \"reactor-runtime\"");
        }

        @Test
        void newerMinorRuntimeIsRejected() {
            assertThat(onlyError(checkWith("reactor-runtime", "\"0.2.0\"")).message())
                    .startsWith("model needs runtime 0.2.0 but this is 0.1.0 — update the runtime");
        }

        @Test
        void newerMinorThanTheRealEngineIsRejected() {
            Semver current = EngineVersion.current();
            String newer = current.major() + "." + (current.minor() + 1) + ".0";
            ManifestCheck c = ManifestValidator.validate(
                    SeedManifest.TEXT.replace("\"0.0.0\"", "\"" + newer + "\""), FOLDER);
            assertThat(only(c).path()).isEqualTo("reactor-runtime");
            assertThat(c.ok()).isFalse();
        }

        @Test
        void olderOrEqualRuntimeWithTheSameMajorLoads() {
            assertThat(checkWith("reactor-runtime", "\"0.1.0\"").ok()).isTrue();
            assertThat(checkWith("reactor-runtime", "\"0.0.5\"").ok()).isTrue();
        }
    }

    @Nested
    class ClassField {

        @Test
        void acceptsTheThreeForms() {
            assertThat(checkWith("class", "\"model_pattern:PatternModel\"").manifest().orElseThrow().classReference())
                    .isInstanceOf(ClassReference.SourceFile.class);
            assertThat(checkWith("class", "\"models.jar:com.acme.Model\"").manifest().orElseThrow().classReference())
                    .isEqualTo(new ClassReference.JarClass("models.jar", "com.acme.Model"));
            assertThat(checkWith("class", "\"com.acme.Model\"").manifest().orElseThrow().classReference())
                    .isEqualTo(new ClassReference.QualifiedClass("com.acme.Model"));
        }

        @Test
        void bareClassNameIsRejectedWithTheThreeFormsAsExamples() {
            ManifestProblem p = onlyError(checkWith("class", "\"PatternModel\""));
            assertThat(p.path()).isEqualTo("class");
            assertThat(p.message()).startsWith("\"PatternModel\" is a bare class name: say which file it is in,"
                            + " e.g. \"model_file:PatternModel\"")
                    .contains("\"model_pattern:PatternModel\"", "\"models.jar:com.acme.Model\"", "\"com.acme.Model\"");
        }

        @Test
        void commonSlipsAreNamed() {
            assertThat(onlyError(checkWith("class", "\"a:b:C\"")).message()).contains("has 2 colons");
            assertThat(onlyError(checkWith("class", "\"model_x: Foo\"")).message()).contains("contains spaces");
            assertThat(onlyError(checkWith("class", "\"\"")).message()).contains("is empty");
            assertThat(onlyError(checkWith("class", "\"model_pattern\"")).message())
                    .startsWith("\"model_pattern\" names no class: add it after a colon, e.g. \"model_pattern:MyModel\"");
            assertThat(onlyError(checkWith("class", "\"src/model:Foo\"")).message()).contains("subfolder");
            assertThat(onlyError(checkWith("class", "\"model:com.acme.Foo\"")).message())
                    .contains("source file needs the simple class name");
        }
    }

    @Nested
    class ModelName {

        @Test
        void upperCaseAndSpacesAreRejectedWithASanitizedSuggestion() {
            assertThat(onlyError(checkWith("model_name", "\"My Model!\""))).hasToString("model_name: \"My Model!\" is"
                    + " not a valid model name — use lowercase letters, digits, - or _, starting with a letter or"
                    + " digit: \"my-model\"");
        }

        @Test
        void mustStartWithALetterOrDigit() {
            assertThat(onlyError(checkWith("model_name", "\"-pattern\"")).message()).endsWith(": \"pattern\"");
        }

        @Test
        void longerThan64CharactersIsRejected() {
            String name = "a".repeat(65);
            assertThat(onlyError(checkWith("model_name", "\"" + name + "\"")).message())
                    .startsWith("is 65 characters long, the limit is 64").contains("a".repeat(64) + "\"");
            assertThat(checkWith("model_name", "\"" + "a".repeat(64) + "\"").ok()).isTrue();
        }

        @Test
        void emptyIsRejected() {
            assertThat(onlyError(checkWith("model_name", "\"\"")).message()).startsWith("is empty");
        }

        @Test
        void digitsDashesAndUnderscoresAreFine() {
            assertThat(checkWith("model_name", "\"wan2_1-vae\"").ok()).isTrue();
        }
    }

    @Nested
    class ModelVersion {

        @Test
        void modelVersionWithoutPatchIsRejectedWithExample() {
            assertThat(onlyError(checkWith("model_version", "\"1.0\"")))
                    .hasToString("model_version: \"1.0\" is not semver — use MAJOR.MINOR.PATCH like \"1.0.0\"");
        }

        @Test
        void leadingVIsRejectedWithTheFixedVersion() {
            assertThat(onlyError(checkWith("model_version", "\"v2.3.1\"")).message()).endsWith("like \"2.3.1\"");
        }

        @Test
        void preReleaseAndBuildAreAccepted() {
            assertThat(checkWith("model_version", "\"1.0.0-rc.1+2024\"").ok()).isTrue();
        }
    }

    @Nested
    class Args {

        @Test
        void absentArgsGiveAnEmptyObjectAndDefaultFps() {
            Manifest m = checkWith("reactor-runtime", "\"0.1.0\"").manifest().orElseThrow();
            assertThat(m.args().isEmpty()).isTrue();
            assertThat(m.weights()).isEmpty();
            assertThat(m.fps()).isEqualTo(30.0);
            assertThat(m.size()).isEmpty();
        }

        @Test
        void argsMustBeAnObject() {
            assertThat(onlyError(checkWith("args", "[30]")).message()).startsWith("expected an object like {\"fps\": 30");
            assertThat(onlyError(checkWith("args", "\"fps=30\"")).message()).contains("got a string (\"fps=30\")");
        }

        @Test
        void otherArgsArePassedThroughUnchecked() {
            Manifest m = checkWith("args", "{\"fps\": 12.5, \"prompt\": \"a cat\", \"steps\": [1, 2]}")
                    .manifest().orElseThrow();
            assertThat(m.fps()).isEqualTo(12.5);
            assertThat(m.args().get("prompt").textValue()).isEqualTo("a cat");
        }

        @Test
        void fpsMustBeAPositiveNumberUpTo240() {
            assertThat(onlyError(checkWith("args", "{\"fps\": \"30\"}"))).hasToString(
                    "args.fps: expected a number of frames per second, got a string (\"30\") — remove the quotes");
            assertThat(onlyError(checkWith("args", "{\"fps\": 0}")).message()).contains("use a positive number");
            assertThat(onlyError(checkWith("args", "{\"fps\": -5}")).path()).isEqualTo("args.fps");
            assertThat(onlyError(checkWith("args", "{\"fps\": 241}")).message()).contains("use 240 or less");
            assertThat(checkWith("args", "{\"fps\": 240}").ok()).isTrue();
        }

        @Test
        void sizeMustBeTwoPositiveWholeNumbers() {
            assertThat(onlyError(checkWith("args", "{\"size\": 480}")).message())
                    .isEqualTo("expected [height, width] like [480, 640], got a number (480)");
            assertThat(onlyError(checkWith("args", "{\"size\": [480, 640, 3]}")).message())
                    .startsWith("has 3 items, expected exactly 2");
            assertThat(onlyError(checkWith("args", "{\"size\": [480, 640.5]}"))).hasToString(
                    "args.size[1]: the width must be a whole number of pixels, got a number (640.5)");
            assertThat(onlyError(checkWith("args", "{\"size\": [0, 640]}")).path()).isEqualTo("args.size[0]");
        }

        @Test
        void oddSizeIsOnlyAWarning() {
            ManifestCheck c = checkWith("args", "{\"size\": [481, 640]}");
            assertThat(c.ok()).isTrue();
            assertThat(c.manifest()).isPresent();
            ManifestProblem p = only(c);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.path()).isEqualTo("args.size[0]");
            assertThat(p.message()).contains("odd sizes are padded by video encoders").contains("482 or 480");
        }
    }

    @Nested
    class Weights {

        @Test
        void mustBeAnArray() {
            assertThat(onlyError(checkWith("weights", "\"LongLive\""))).hasToString(
                    "weights: expected an array, got a string (\"LongLive\") — put it in a list: [\"LongLive\"]");
        }

        @Test
        void entriesMustBeNonEmptyStrings() {
            assertThat(onlyError(checkWith("weights", "[\"a\", 3]")).path()).isEqualTo("weights[1]");
            assertThat(onlyError(checkWith("weights", "[\"\"]")).message()).startsWith("is empty");
        }

        @Test
        void duplicatesAreErrorsAtTheRepeatedEntry() {
            assertThat(onlyError(checkWith("weights", "[\"a\", \"b\", \"a\"]"))).hasToString(
                    "weights[2]: \"a\" is already listed at weights[0] — remove this one");
        }

        @Test
        void namesWithOtherCharactersAreRejected() {
            ManifestProblem p = onlyError(checkWith("weights", "[\"Long Live\"]"));
            assertThat(p.path()).isEqualTo("weights[0]");
            assertThat(p.message()).contains("\"Long_Live\"").contains("local path");
            assertThat(onlyError(checkWith("weights", "[\"..\"]")).message()).contains("./weights/foo");
        }

        @Test
        void localPathsAreAcceptedForDevelopment() {
            Manifest m = checkWith("weights", "[\"./weights/foo bar\", \"/abs/path\", \"../up\", \"~/w\", \"Wan2.1_VAE\"]")
                    .manifest().orElseThrow();
            assertThat(m.weights()).hasSize(5);
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void unknownKeyWarnsWithTheClosestKnownKey() {
            ManifestCheck c = checkWith("model-name", "\"x\"");
            assertThat(c.ok()).isTrue();
            assertThat(only(c)).hasToString("model-name: unknown key, ignored — did you mean \"model_name\"?");
            assertThat(only(c).severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        void farAwayKeysWarnWithoutSuggestion() {
            assertThat(only(checkWith("description", "\"x\""))).hasToString("description: unknown key, ignored");
        }

        @Test
        void topLevelFpsIsPointedAtArgs() {
            assertThat(only(checkWith("fps", "30")).message()).contains("inside \"args\"");
        }

        @Test
        void warningPointsAtTheKey() {
            ManifestProblem p = only(checkWith("wieghts", "[]"));
            assertThat(p.message()).endsWith("did you mean \"weights\"?");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.column()).isEqualTo(3);
        }
    }

    @Test
    void neverThrowsForAnyText() {
        for (String text : new String[] {"", "null", "42", "\"x\"", "{}", "{\"args\": {\"size\": [null, {}]}}",
                "{\"weights\": [[], {}, null]}", "{\"args\": {\"fps\": 1e400}}", "\u0000"}) {
            assertThat(check(text).ok()).as(text).isFalse();
        }
    }
}
