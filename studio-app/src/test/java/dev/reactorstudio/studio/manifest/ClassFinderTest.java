package dev.reactorstudio.studio.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFinderTest {
    @TempDir
    Path folder;

    @Test
    void findsJavaAndPythonModelClassesInManifestForm() throws Exception {
        Files.writeString(folder.resolve("model_a.java"), "import x.*;\npublic class AModel extends VideoModel {}\nclass Helper {}\n");
        Files.writeString(folder.resolve("model_b.py"), "from reactor_runtime import VideoModel\nclass BModel(VideoModel):\n    pass\n");
        Files.writeString(folder.resolve("notes.txt"), "public class C extends VideoModel");
        assertThat(ClassFinder.find(folder)).containsExactly("model_a:AModel", "model_b:BModel");
    }

    @Test
    void findsTheExampleModel() {
        Path example = Path.of("../examples/hello-pattern");
        assertThat(ClassFinder.find(example)).containsExactly("model_pattern:PatternModel");
    }
}
