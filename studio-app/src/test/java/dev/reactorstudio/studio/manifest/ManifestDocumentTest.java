package dev.reactorstudio.studio.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDocumentTest {
    private static final String VALID = """
            {"reactor-runtime": "0.1.0", "class": "model_x:XModel", "model_name": "x",
             "model_version": "1.0.0", "args": {"fps": 30}, "weights": []}""";

    @TempDir
    Path folder;

    @Test
    void formEditRewritesTheTextInTheStableLayoutAndRevalidates() {
        ManifestDocument doc = ManifestDocument.of(folder.resolve("manifest.json"), VALID);
        assertThat(doc.edit(root -> root.put("model_version", "not-semver"))).isTrue();
        assertThat(doc.text().get()).startsWith("{\n  \"reactor-runtime\": \"0.1.0\",\n").contains("\"model_version\": \"not-semver\"");
        assertThat(doc.check().get().errors()).anySatisfy(p -> assertThat(p.path()).isEqualTo("model_version"));
        assertThat(doc.dirty().get()).isTrue();
    }

    @Test
    void sourceTextThatDoesNotParseKeepsTheLastTreeAndRefusesFormEdits() {
        ManifestDocument doc = ManifestDocument.of(folder.resolve("manifest.json"), VALID);
        ObjectNode before = doc.tree().get();
        doc.setText(VALID.replace("\"x\",", "\"x\""));
        assertThat(doc.parses()).isFalse();
        assertThat(doc.tree().get()).isSameAs(before);
        assertThat(doc.check().get().ok()).isFalse();
        assertThat(doc.edit(root -> root.put("model_name", "y"))).isFalse();
    }

    @Test
    void saveWritesStableJsonSoASecondSaveChangesNothing() throws Exception {
        Path file = folder.resolve("manifest.json");
        Files.writeString(file, VALID);
        ManifestDocument doc = ManifestDocument.load(file);
        doc.save();
        String first = Files.readString(file);
        assertThat(first).endsWith("}\n").contains("  \"args\": {\n    \"fps\": 30\n  },");
        doc.save();
        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(doc.dirty().get()).isFalse();
    }

    @Test
    void unparseableTextIsSavedAsTypedSoNothingIsLost() throws Exception {
        Path file = folder.resolve("manifest.json");
        ManifestDocument doc = ManifestDocument.of(file, VALID);
        doc.setText("{ half");
        doc.save();
        assertThat(Files.readString(file)).isEqualTo("{ half");
    }
}
