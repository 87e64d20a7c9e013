package dev.reactorstudio.studio.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.manifest.ManifestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTemplatesTest {
    @TempDir
    Path parent;

    @Test
    void newJavaModelIsMadeByReactorInitAndValidates() {
        Path folder = parent.resolve("my-model");
        ModelTemplates.Outcome outcome = ModelTemplates.create(folder, ModelTemplates.Kind.JAVA);
        assertThat(outcome.ok()).as(outcome.output()).isTrue();
        assertThat(ManifestValidator.read(folder).ok()).isTrue();
        assertThat(ModelTemplates.available()).contains(ModelTemplates.Kind.JAVA);
    }

    @Test
    void javaPythonAndDjlTemplatesAreAllOfferedJavaFirst() {
        assertThat(ModelTemplates.available())
                .containsExactly(ModelTemplates.Kind.JAVA, ModelTemplates.Kind.PYTHON, ModelTemplates.Kind.DJL);
    }

    @Test
    void newPythonModelHasTheSeedLayoutAndValidates() throws Exception {
        Path folder = parent.resolve("py-model");
        ModelTemplates.Outcome outcome = ModelTemplates.create(folder, ModelTemplates.Kind.PYTHON);
        assertThat(outcome.ok()).as(outcome.output()).isTrue();
        assertThat(folder.resolve("model_py_model.py")).isRegularFile();
        assertThat(folder.resolve("requirements.txt")).isRegularFile();
        assertThat(folder.resolve("model_py_model.java")).doesNotExist();
        assertThat(ManifestValidator.read(folder).ok()).isTrue();
    }

    @Test
    void newDjlModelIsAJavaModelThatEmitsTensorsAndValidates() throws Exception {
        Path folder = parent.resolve("tensor-toy");
        ModelTemplates.Outcome outcome = ModelTemplates.create(folder, ModelTemplates.Kind.DJL);
        assertThat(outcome.ok()).as(outcome.output()).isTrue();
        assertThat(Files.readString(folder.resolve("model_tensor_toy.java"))).contains("ai.djl").contains("emitBlock");
        assertThat(ManifestValidator.read(folder).ok()).isTrue();
    }

    @Test
    void initRefusesAFolderThatIsNotEmptyAndSaysWhy() {
        ModelTemplates.create(parent.resolve("m"), ModelTemplates.Kind.JAVA);
        ModelTemplates.Outcome again = ModelTemplates.create(parent.resolve("m"), ModelTemplates.Kind.JAVA);
        assertThat(again.ok()).isFalse();
        assertThat(again.output()).contains("not empty");
    }

    @Test
    void recentProjectsAreNewestFirstWithoutDuplicates() throws Exception {
        Preferences prefs = Preferences.userRoot().node("dev/reactorstudio/studio-test/recent-" + System.nanoTime());
        try {
            RecentProjects recent = new RecentProjects(prefs);
            Path a = java.nio.file.Files.createDirectory(parent.resolve("a"));
            Path b = java.nio.file.Files.createDirectory(parent.resolve("b"));
            recent.add(a);
            recent.add(b);
            recent.add(a);
            assertThat(recent.list()).containsExactly(a, b);
        } finally {
            prefs.removeNode();
        }
    }
}
