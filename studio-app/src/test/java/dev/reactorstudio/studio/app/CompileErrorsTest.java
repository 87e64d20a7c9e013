package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.editor.SourceEditorTab;
import dev.reactorstudio.studio.project.ModelTemplates;
import dev.reactorstudio.studio.services.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A Java model that does not compile: Run fails, and the error is listed and marked at its line. */
@ExtendWith(ApplicationExtension.class)
class CompileErrorsTest {
    private TestStudio test;
    private Studio studio;
    private Path source;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        studio = test.open(stage);
        Path folder = Files.createTempDirectory("broken").resolve("broken-model");
        assertThat(ModelTemplates.create(folder, ModelTemplates.Kind.JAVA).ok()).isTrue();
        try (var files = Files.list(folder)) {
            source = files.filter(p -> p.toString().endsWith(".java")).findFirst().orElseThrow();
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(source));
        lines.add(3, "this line does not compile");
        Files.write(source, lines);
        studio.projectActions().open(folder);
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    @Test
    void compileErrorsAreListedAndMarkedAtTheirLine(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.problems().all()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(source);
            assertThat(p.line()).isEqualTo(4);
        });
        SourceEditorTab tab = (SourceEditorTab) studio.editors().find(source).orElseThrow();
        assertThat(tab.editor().errors()).containsKey(4);
        assertThat(robot.lookup("#status").queryLabeled().getText()).startsWith("Run failed");
    }
}
