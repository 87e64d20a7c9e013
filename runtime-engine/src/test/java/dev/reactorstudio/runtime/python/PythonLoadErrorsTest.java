package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reactorstudio.runtime.model.ModelLoadException;
import dev.reactorstudio.runtime.model.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Python model that cannot start says which file and line to fix, and leaves no process behind. */
class PythonLoadErrorsTest {
    @TempDir
    Path folder;

    private ModelLoadException loadFailure(String source) throws Exception {
        Files.writeString(folder.resolve("model_x.py"), source);
        long before = ProcessHandle.current().descendants().count();
        ModelLoadException failure = (ModelLoadException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ModelLoader.load(folder, "model_x:X", null, PythonSupport.options()));
        assertThat(failure).isNotNull();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
                .as("no child left running").isLessThanOrEqualTo(before);
        return failure;
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws Exception {
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel\n\nclass X(VideoModel)\n    pass\n");
        assertThat(e).hasMessageStartingWith("model_x.py:3: syntax error");
    }

    @Test
    void missingModuleNamesTheImportLineAndTheModule() throws Exception {
        ModelLoadException e = loadFailure("import os\nimport torchvision_not_here\n");
        assertThat(e).hasMessageStartingWith("model_x.py:2: missing module 'torchvision_not_here'")
                .hasMessageContaining("requirements.txt");
    }

    @Test
    void missingNumpyIsAClearStartupError() throws Exception {
        // A numpy.py in the model folder shadows the real one and fails to import, as a missing numpy does.
        Files.writeString(folder.resolve("numpy.py"), "raise ImportError('No module named numpy (simulated)')\n");
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel\nclass X(VideoModel):\n"
                + "    def start_session(self): pass\n");
        assertThat(e).hasMessageContaining("numpy is not installed for").hasMessageContaining("python3-numpy");
    }

    @Test
    void initExceptionPointsAtTheModelsLine() throws Exception {
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel\nclass X(VideoModel):\n"
                + "    def __init__(self, **kw):\n        raise ValueError('no GPU here')\n"
                + "    def start_session(self): pass\n");
        assertThat(e).hasMessageStartingWith("model_x.py:4: X.__init__ failed: ValueError: no GPU here");
    }

    @Test
    void unsupportedParameterTypeNamesTheCommand() throws Exception {
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel, command\nclass X(VideoModel):\n"
                + "    def start_session(self): pass\n"
                + "    @command('paint')\n    def paint(self, colors: list):\n        pass\n");
        assertThat(e).hasMessageStartingWith("model_x.py:4: command \"paint\" (paint): parameter colors has unsupported type list");
    }

    @Test
    void defaultOutsideItsBoundsIsRejectedByTheSameRulesAsJava() throws Exception {
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel, command, Field\nclass X(VideoModel):\n"
                + "    def start_session(self): pass\n"
                + "    @command('speed')\n    def speed(self, v: float = Field(5.0, ge=0, le=1)):\n        pass\n");
        assertThat(e).hasMessageContaining("model_x.py:4 @command \"speed\", parameter \"v\": default 5.0 is invalid: v: 5.0 > maximum 1");
    }

    @Test
    void missingClassListsWhatTheFileDefines() throws Exception {
        ModelLoadException e = loadFailure("from reactor_runtime import VideoModel\nclass Other(VideoModel):\n"
                + "    def start_session(self): pass\n");
        assertThat(e).hasMessageContaining("model_x.py has no class named X (it defines: Other)");
    }

    @Test
    void missingInterpreterSaysHowToChooseOne() {
        assertThatThrownBy(() -> {
            Files.writeString(folder.resolve("model_x.py"), "");
            ModelLoader.load(folder, "model_x:X", null, PythonSupport.options().withInterpreter("/nonexistent/python3"));
        }).isInstanceOf(ModelLoadException.class).hasMessageContaining("cannot start the Python interpreter \"/nonexistent/python3\"")
                .hasMessageContaining(PythonOptions.INTERPRETER_VARIABLE);
    }
}
