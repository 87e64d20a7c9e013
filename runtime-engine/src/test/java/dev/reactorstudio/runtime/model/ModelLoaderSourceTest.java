package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.VideoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void loadsAPublicClassFromASourceFileNamedDifferently() throws Exception {
        ModelSources.write(folder, "model_x.java", """
                import dev.reactorstudio.runtime.api.*;

                public class Spinner extends VideoModel {
                    private final Helper helper = new Helper();

                    @Override
                    public void startSession() {}

                    @Command(name = "set_speed", description = "Spin speed")
                    public double setSpeed(@Param(min = 0, max = 10) double speed) { return helper.twice(speed); }
                }

                class Helper {
                    double twice(double x) { return 2 * x; }
                }
                """);

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:Spinner", null)) {
            assertThat(loaded.modelClass().getName()).isEqualTo("Spinner");
            assertThat(loaded.instance()).isInstanceOf(VideoModel.class);
            assertThat(loaded.classLoader().getParent()).isSameAs(VideoModel.class.getClassLoader());
            assertThat(loaded.commands().commands()).extracting(CommandSpec::name).containsExactly("set_speed");
            assertThat(loaded.commands().validate("set_speed", JSON.readTree("{\"speed\":2}")).invoke(loaded.instance()))
                    .isEqualTo(4.0);
            assertThat(loaded.loadTime()).isPositive();
        }
    }

    @Test
    void compilingWritesNothingIntoTheModelFolder() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Quiet", ""));

        ModelLoader.load(folder, "model_x:Quiet", null).close();

        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactly("model_x.java");
        }
    }

    @Test
    void classFieldMayNameTheJavaExtension() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Quiet", ""));

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x.java:Quiet", null)) {
            assertThat(loaded.modelClass().getSimpleName()).isEqualTo("Quiet");
        }
    }

    @Test
    void findsANestedClassInAPackage() throws Exception {
        ModelSources.write(folder, "world.java", """
                package acme.world;

                import dev.reactorstudio.runtime.api.VideoModel;

                public class Models {
                    public static class World extends VideoModel {
                        @Override
                        public void startSession() {}
                    }
                }
                """);

        try (LoadedModel loaded = ModelLoader.load(folder, "world:World", null)) {
            assertThat(loaded.modelClass().getName()).isEqualTo("acme.world.Models$World");
        }
    }

    @Test
    void sourceMayUseJarsFromTheFoldersLib(@TempDir Path build) throws Exception {
        Path classes = ModelSources.compile(build.resolve("classes"), Map.of("acme.util.Greeter", """
                package acme.util;
                public class Greeter { public static String greet() { return "hello"; } }
                """), true);
        ModelSources.jar(classes, folder.resolve("lib/greeter.jar"));
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Greeting",
                "    public final String greeting = acme.util.Greeter.greet();"));

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:Greeting", null)) {
            assertThat(loaded.modelClass().getField("greeting").get(loaded.instance())).isEqualTo("hello");
        }
    }

    @Test
    void constructorRunsWithTheModelsContextClassLoader() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "LoaderAware", """
                    public final boolean sawOwnLoader =
                            Thread.currentThread().getContextClassLoader() == LoaderAware.class.getClassLoader();
                """));
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:LoaderAware", null)) {
            assertThat(loaded.modelClass().getField("sawOwnLoader").get(loaded.instance())).isEqualTo(true);
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void compileErrorPointsToFileAndLine() throws Exception {
        ModelSources.write(folder, "model_x.java", """
                import dev.reactorstudio.runtime.api.*;

                public class Broken extends VideoModel {
                    @Override
                    public void startSession() { undefinedCall(); }
                    int count = "three";
                }
                """);

        ModelLoadException e = catchThrowableOfType(ModelLoadException.class,
                () -> ModelLoader.load(folder, "model_x:Broken", null));

        assertThat(e).hasMessageStartingWith("model_x.java does not compile (2 errors):")
                .hasMessageContaining("model_x.java:5: cannot find symbol")
                .hasMessageContaining("model_x.java:6: incompatible types");
        assertThat(e.compileErrors()).extracting(CompileError::file, CompileError::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("model_x.java", 5L),
                        org.assertj.core.groups.Tuple.tuple("model_x.java", 6L));
        assertThat(e.compileErrors().get(0).column()).isEqualTo(34);
        assertThat(e.compileErrors().get(0).toString()).startsWith("model_x.java:5: cannot find symbol");
    }

    @Test
    void pythonTargetGivesThePythonBridgeError() throws Exception {
        ModelSources.write(folder, "model_x.py", "class Spinner: pass\n");

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Spinner", null))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("Python models arrive with the Python bridge: model_x.py cannot be loaded by this runtime yet");
    }

    @Test
    void explicitPyExtensionWinsOverAJavaFileBesideIt() throws Exception {
        ModelSources.write(folder, "model_x.py", "class Spinner: pass\n");
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Spinner", ""));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x.py:Spinner", null))
                .hasMessageContaining("Python bridge: model_x.py");
    }

    @Test
    void missingSourceNamesTheExpectedFiles() {
        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Spinner", null))
                .hasMessage("model source not found: expected " + folder.resolve("model_x.java")
                        + " (a Java model) or " + folder.resolve("model_x.py") + " (a Python model)");
    }

    @Test
    void missingModelFolderIsNamed() {
        Path nowhere = folder.resolve("nowhere");
        assertThatThrownBy(() -> ModelLoader.load(nowhere, "model_x:Spinner", null))
                .hasMessage("model folder not found: " + nowhere);
    }

    @Test
    void unparseableClassFieldListsTheAcceptedForms() {
        assertThatThrownBy(() -> ModelLoader.load(folder, "a:b:c", null))
                .hasMessageContaining("class \"a:b:c\" is not a class reference")
                .hasMessageContaining("model_file:ClassName")
                .hasMessageContaining("name.jar:com.acme.Model")
                .hasMessageContaining("com.acme.Model (a class in the folder's jars or classes/)");
    }

    @Test
    void classMissingFromTheSourceListsWhatItDeclares() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Spinner", ""));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Spiner", null))
                .hasMessage("model_x.java has no class named Spiner (it declares: Spinner)");
    }

    @Test
    void classThatIsNotAVideoModelIsExplained() throws Exception {
        ModelSources.write(folder, "model_x.java", "public class Plain { }\n");

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Plain", null))
                .hasMessage("Plain is not a model: it must extend dev.reactorstudio.runtime.api.VideoModel");
    }

    @Test
    void abstractAndInnerClassesAreExplained() throws Exception {
        ModelSources.write(folder, "model_x.java", """
                import dev.reactorstudio.runtime.api.VideoModel;
                public abstract class Base extends VideoModel {
                    public class Inner extends VideoModel {
                        @Override public void startSession() {}
                    }
                }
                """);

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Base", null))
                .hasMessageContaining("Base is abstract");
        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Inner", null))
                .hasMessageContaining("Base$Inner is an inner class: declare it static");
    }

    @Test
    void constructorFailureKeepsTheModelsException() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "NoWeights", """
                    public NoWeights() { throw new IllegalStateException("weights missing"); }
                """));

        ModelLoadException e = catchThrowableOfType(ModelLoadException.class,
                () -> ModelLoader.load(folder, "model_x:NoWeights", null));

        assertThat(e).hasMessage("model constructor failed: java.lang.IllegalStateException: weights missing");
        assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("weights missing");
        assertThat(e.compileErrors()).isEmpty();
    }

    @Test
    void commandMistakesFailTheLoadBeforeTheConstructorRuns() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Eager", """
                    public Eager() { throw new IllegalStateException("constructor must not run"); }
                    @Command(name = "zoom") public void zoom(@Param(min = 5, max = 1) double level) {}
                """));

        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Eager", null))
                .hasMessageContaining("Eager.zoom(), parameter \"level\": min 5 > max 1");
    }

    @Test
    void manifestArgsReachARecordConstructor() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Sized", """
                    public record Args(int fps, String size) {}
                    public final Args args;
                    public Sized(Args args) { this.args = args; }
                """));

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:Sized", JSON.readTree("{\"fps\":24,\"size\":\"hd\"}"))) {
            assertThat(loaded.modelClass().getField("args").get(loaded.instance()))
                    .hasToString("Args[fps=24, size=hd]");
        }
        assertThatThrownBy(() -> ModelLoader.load(folder, "model_x:Sized", JSON.readTree("{\"fsp\":24}")))
                .hasMessageStartingWith("args.fsp: unknown argument — the model accepts: fps, size\nargs.fps: missing");
    }

    @Test
    void ignoredArgsAreAWarning() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Simple", ""));

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:Simple", JSON.readTree("{\"fps\":24}"))) {
            assertThat(loaded.warnings()).singleElement().asString().startsWith("args ignored: Simple has only a no-argument constructor");
        }
    }

    @Test
    void compilerWarningsAreKeptForTheStudio() throws Exception {
        ModelSources.write(folder, "model_x.java", ModelSources.model("", "Old", """
                    public final Integer boxed = new Integer(3);
                """));

        try (LoadedModel loaded = ModelLoader.load(folder, "model_x:Old", null)) {
            assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w).startsWith("model_x.java:5: "));
        }
    }
}
