package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.VideoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    @TempDir
    Path build;

    /** A packaged model whose class names are unique, so the test class path cannot shadow them. */
    private Path compileJarModel(String packageName, String className, String body, boolean parameterNames) throws Exception {
        String fq = packageName + "." + className;
        return ModelSources.compile(build.resolve("out-" + className), Map.of(fq,
                ModelSources.model("package " + packageName + ";", className, body)), parameterNames);
    }

    @Test
    void loadsAClassFromANamedJar() throws Exception {
        Path classes = compileJarModel("acme.jarred", "JarModel", """
                    public final java.util.Map<String, Object> args;
                    public JarModel(java.util.Map<String, Object> args) { this.args = args; }
                    @Command(name = "ping") public String ping(@Param(defaultValue = "pong") String reply) { return reply; }
                """, true);
        ModelSources.jar(classes, folder.resolve("model.jar"));

        try (LoadedModel loaded = ModelLoader.load(folder, "model.jar:acme.jarred.JarModel", JSON.readTree("{\"fps\":12}"))) {
            assertThat(loaded.modelClass().getName()).isEqualTo("acme.jarred.JarModel");
            assertThat(loaded.classLoader().getParent()).isSameAs(VideoModel.class.getClassLoader());
            assertThat(loaded.modelClass().getField("args").get(loaded.instance())).isEqualTo(Map.of("fps", 12));
            assertThat(loaded.commands().validate("ping", null).invoke(loaded.instance())).isEqualTo("pong");
        }
    }

    @Test
    void jarModelFindsItsDependenciesInLib() throws Exception {
        Path dependency = ModelSources.compile(build.resolve("dep"), Map.of("acme.dep.Frames", """
                package acme.dep;
                public class Frames { public static int count() { return 7; } }
                """), true);
        ModelSources.jar(dependency, folder.resolve("lib/frames.jar"));
        Path classes = ModelSources.compile(build.resolve("model"), Map.of("acme.uses.UsesDep",
                ModelSources.model("package acme.uses;", "UsesDep", "    public final int frames = acme.dep.Frames.count();")),
                true, dependency);
        ModelSources.jar(classes, folder.resolve("model.jar"));

        try (LoadedModel loaded = ModelLoader.load(folder, "model.jar:acme.uses.UsesDep", null)) {
            assertThat(loaded.modelClass().getField("frames").get(loaded.instance())).isEqualTo(7);
        }
    }

    @Test
    void missingJarIsNamed() {
        assertThatThrownBy(() -> ModelLoader.load(folder, "model.jar:acme.Missing", null))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("jar not found: " + folder.resolve("model.jar")
                        + " (the manifest's class names model.jar:acme.Missing)");
    }

    @Test
    void classMissingFromTheJarSuggestsASameNamedOne() throws Exception {
        ModelSources.jar(compileJarModel("acme.real", "Suggested", "", true), folder.resolve("model.jar"));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model.jar:acme.wrong.Suggested", null))
                .hasMessage("class acme.wrong.Suggested not found in model.jar (did you mean acme.real.Suggested?)");
    }

    @Test
    void qualifiedClassIsFoundInTheClassesFolder() throws Exception {
        compileJarModel("acme.loose", "LooseModel", "", true);
        Files.move(build.resolve("out-LooseModel"), folder.resolve("classes"));

        try (LoadedModel loaded = ModelLoader.load(folder, "acme.loose.LooseModel", null)) {
            assertThat(loaded.modelClass().getName()).isEqualTo("acme.loose.LooseModel");
            assertThat(loaded.modelClass().getClassLoader()).isSameAs(loaded.classLoader());
        }
    }

    @Test
    void qualifiedClassIsFoundInALibJar() throws Exception {
        ModelSources.jar(compileJarModel("acme.libbed", "LibModel", "", true), folder.resolve("lib/any-name.jar"));

        try (LoadedModel loaded = ModelLoader.load(folder, "acme.libbed.LibModel", null)) {
            assertThat(loaded.modelClass().getName()).isEqualTo("acme.libbed.LibModel");
        }
    }

    @Test
    void qualifiedClassNotFoundSaysWhereItLooked() throws Exception {
        ModelSources.jar(compileJarModel("acme.other", "Other", "", true), folder.resolve("other.jar"));

        assertThatThrownBy(() -> ModelLoader.load(folder, "acme.nowhere.Model", null))
                .hasMessage("class acme.nowhere.Model not found in the model folder (searched other.jar)");
    }

    @Test
    void qualifiedClassInAnEmptyFolderSaysThereIsNothingToSearch() {
        assertThatThrownBy(() -> ModelLoader.load(folder, "acme.nowhere.Model", null))
                .hasMessageContaining("has no classes/ folder and no jars");
    }

    @Test
    void jarClassThatIsNotAVideoModelIsExplained() throws Exception {
        Path classes = ModelSources.compile(build.resolve("plain"), Map.of("acme.plain.Thing",
                "package acme.plain; public class Thing {}"), true);
        ModelSources.jar(classes, folder.resolve("model.jar"));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model.jar:acme.plain.Thing", null))
                .hasMessage("acme.plain.Thing is not a model: it must extend dev.reactorstudio.runtime.api.VideoModel");
    }

    @Test
    void commandParameterNamesNeedParametersFlagOrParamName() throws Exception {
        Path classes = compileJarModel("acme.noflags", "NoNames",
                "    @Command(name = \"zoom\") public void zoom(double level) {}", false);
        ModelSources.jar(classes, folder.resolve("model.jar"));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model.jar:acme.noflags.NoNames", null))
                .hasMessageContaining("NoNames.zoom(): the name of parameter arg0 is unknown")
                .hasMessageContaining("add @Param(name = \"...\")");
    }

    @Test
    void closingTheLoadedModelReleasesItsJars() throws Exception {
        Path classes = ModelSources.compile(build.resolve("two"), Map.of(
                "acme.closing.Closing", ModelSources.model("package acme.closing;", "Closing", ""),
                "acme.closing.Later", "package acme.closing; public class Later {}"), true);
        ModelSources.jar(classes, folder.resolve("model.jar"));
        LoadedModel loaded = ModelLoader.load(folder, "model.jar:acme.closing.Closing", null);

        loaded.close();

        assertThatThrownBy(() -> loaded.classLoader().loadClass("acme.closing.Later"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
