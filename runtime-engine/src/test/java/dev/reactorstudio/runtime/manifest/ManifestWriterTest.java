package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void seedExampleIsWrittenBackCharacterForCharacter() throws Exception {
        assertThat(ManifestWriter.toJson(tree(SeedManifest.TEXT))).isEqualTo(SeedManifest.TEXT);
    }

    @Test
    void knownKeysFollowTheSeedsOrderAndUnknownKeysKeepTheirs() throws Exception {
        String json = ManifestWriter.toJson(tree("""
                {"zeta": 1, "weights": [], "model_version": "1.0.0", "alpha": {"b": 1, "a": 2},
                 "reactor-runtime": "0.1.0", "model_name": "m", "class": "a:B", "mid": null}
                """));
        assertThat(keys(tree(json))).containsExactly("reactor-runtime", "class", "model_name", "model_version",
                "weights", "zeta", "alpha", "mid");
        assertThat(keys((ObjectNode) tree(json).get("alpha"))).containsExactly("b", "a");
    }

    @Test
    void roundTripKeepsUnknownKeysValuesAndText() throws Exception {
        String original = SeedManifest.TEXT.replace("\"weights\"", "\"x-studio\": {\"open\": [\"model.java\"]},\n  \"weights\"");
        ObjectNode tree = tree(original);
        String once = ManifestWriter.toJson(tree);
        assertThat(tree(once)).isEqualTo(tree);
        assertThat(ManifestWriter.toJson(tree(once))).isEqualTo(once);
        assertThat(ManifestValidator.validate(once, Path.of("m")).warnings())
                .extracting(ManifestProblem::path).containsExactly("x-studio");
    }

    @Test
    void layoutIsTwoSpaceIndentFlatScalarArraysAndATrailingNewline() throws Exception {
        String json = ManifestWriter.toJson(tree("""
                {"args": {"size": [1, 2], "empty": {}, "none": [], "nested": [{"a": "\\"q\\""}, [1]]}}
                """));
        assertThat(json).isEqualTo("""
                {
                  "args": {
                    "size": [1, 2],
                    "empty": {},
                    "none": [],
                    "nested": [
                      {
                        "a": "\\"q\\""
                      },
                      [1]
                    ]
                  }
                }
                """);
    }

    @Test
    void aValidatedManifestIsWrittenAsTheSeedLaysItOut() {
        Manifest m = ManifestValidator.validate(SeedManifest.TEXT, Path.of("m")).manifest().orElseThrow();
        assertThat(ManifestWriter.toJson(m)).isEqualTo(SeedManifest.TEXT);
    }
}
