package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {

    private static ManifestProblem onlyProblem(String json) {
        ManifestCheck check = ManifestValidator.validate(json, Path.of("model"), Semver.parse("0.1.0"));
        assertThat(check.manifest()).isEmpty();
        assertThat(check.problems()).hasSize(1);
        ManifestProblem problem = check.problems().get(0);
        assertThat(problem.severity()).isEqualTo(Severity.ERROR);
        assertThat(problem.path()).isEmpty();
        return problem;
    }

    @Test
    void trailingCommaIsReportedWithLineColumnAndTheKeyItFollows() {
        ManifestProblem p = onlyProblem("""
                {
                  "model_name": "x",
                  "weights": ["a"],
                }
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p).hasToString("line 4, column 1: unexpected '}' — remove the trailing comma after \"weights\"");
    }

    @Test
    void trailingCommaInAnArrayNamesTheArray() {
        ManifestProblem p = onlyProblem("{\n  \"weights\": [\"a\", \"b\",]\n}");
        assertThat(p.message()).startsWith("line 2, column 24: unexpected ']'")
                .contains("remove the trailing comma after the last item of \"weights\"");
    }

    @Test
    void missingCommaBetweenEntriesSaysWhereToAddIt() {
        ManifestProblem p = onlyProblem("{\n  \"model_name\": \"x\"\n  \"model_version\": \"1.0.0\"\n}");
        assertThat(p.message()).isEqualTo(
                "line 3, column 3: unexpected '\"' — a comma is missing; add \",\" at the end of the \"model_name\" entry");
    }

    @Test
    void missingCommaBetweenArrayItemsNamesTheArray() {
        ManifestProblem p = onlyProblem("{\"weights\": [\"a\" \"b\"]}");
        assertThat(p.message()).endsWith("add \",\" after the previous item of \"weights\"");
    }

    @Test
    void unquotedKeyIsShownQuoted() {
        ManifestProblem p = onlyProblem("{\n  model_name: \"x\"\n}");
        assertThat(p.message()).isEqualTo("line 2, column 3: unexpected 'm' — keys need double quotes: write \"model_name\"");
    }

    @Test
    void singleQuotesAndCommentsAreExplained() {
        assertThat(onlyProblem("{\"model_name\": 'x'}").message()).contains("double quotes");
        assertThat(onlyProblem("{\n  // the name\n  \"model_name\": \"x\"\n}").message())
                .startsWith("line 2, column 3").contains("JSON has no comments");
    }

    @Test
    void unclosedObjectSaysWhereItWasOpened() {
        ManifestProblem p = onlyProblem("{\n  \"model_name\": \"x\"\n");
        assertThat(p.message()).contains("the file ends before the '{' opened at line 1, column 1 is closed")
                .contains("add the missing '}'");
    }

    @Test
    void bareWordSuggestsQuotes() {
        assertThat(onlyProblem("{\"model_name\": longlive}").message())
                .contains("unknown word 'longlive'").contains("\"longlive\"");
    }

    @Test
    void textAfterTheObjectIsRejected() {
        ManifestProblem p = onlyProblem("{\"model_name\": \"x\"}\n{\"model_version\": \"1.0.0\"}");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("more text after the manifest's closing '}'");
    }

    @Test
    void emptyTextIsOneProblemPointingAtReactorInit() {
        assertThat(onlyProblem("  \n").message()).contains("the manifest is empty").contains("reactor init NAME");
        assertThat(onlyProblem(null).message()).contains("the manifest is empty");
    }

    @Test
    void everySyntaxErrorHasAPosition() {
        for (String bad : new String[] {"{", "[1 2]", "{\"a\": 01}", "{\"a\": \"x\n\"}", "{\"a\": NaN}", "{\"a\" 1}",
                "{\"a\": \"\\q\"}", "}", "{\"a\": -}", "{\"a\": 1,,}"}) {
            ManifestProblem p = onlyProblem(bad);
            assertThat(p.hasPosition()).as(bad).isTrue();
            assertThat(p.message()).as(bad).startsWith("line ").contains(" — ").doesNotContain("(code ");
        }
    }
}
