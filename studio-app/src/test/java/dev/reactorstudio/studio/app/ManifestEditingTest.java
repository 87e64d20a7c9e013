package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.manifest.ManifestEditorTab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The manifest form and its JSON source stay in step both ways, with live validation. */
@ExtendWith(ApplicationExtension.class)
class ManifestEditingTest {
    private TestStudio test;
    private Studio studio;
    private Path folder;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        studio = test.open(stage);
        folder = TestStudio.exampleCopy();
        studio.projectActions().open(folder);
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    /** Types like a person: click into the field, select what is there, type over it. */
    private static void typeInto(FxRobot robot, TextField field, String text) {
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
    }

    private ManifestEditorTab tab() {
        return (ManifestEditorTab) studio.editors().selected().orElseThrow();
    }

    @Test
    void editingAFormFieldUpdatesTheJsonAndAnInvalidValueShowsAProblem(FxRobot robot) {
        TextField version = robot.lookup("#field-model_version").queryAs(TextField.class);
        typeInto(robot, version, "2.1.0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tab().source().text()).contains("\"model_version\": \"2.1.0\"");
        assertThat(tab().dirty().get()).isTrue();

        typeInto(robot, version, "two");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tab().source().text()).contains("\"model_version\": \"two\"");
        assertThat(studio.problems().all()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.location()).isEqualTo("model_version");
        });
        assertThat(version.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("error"));
        assertThat(robot.lookup("#error-model_version").queryLabeled().getText()).isNotBlank();
    }

    @Test
    void editingTheJsonSourceRefillsTheForm(FxRobot robot) {
        robot.interact(() -> {
            String text = tab().source().text().replace("\"hello-pattern\"", "\"renamed-model\"");
            tab().source().area().replaceText(text);
        });
        assertThat(robot.lookup("#field-model_name").queryAs(TextField.class).getText()).isEqualTo("renamed-model");
        assertThat(studio.problems().all()).isEmpty();
    }

    @Test
    void brokenJsonIsReportedAtItsLineAndTheFormWaits(FxRobot robot) {
        robot.interact(() -> tab().source().area().replaceText(tab().source().text().replace("\"args\": {", "\"args\": {,")));
        assertThat(studio.problems().all()).isNotEmpty().allSatisfy(p -> assertThat(p.line()).isPositive());
        assertThat(tab().source().errors()).isNotEmpty();
        assertThat(robot.lookup("#field-model_name").queryAs(TextField.class).getText()).isEqualTo("hello-pattern");
    }

    @Test
    void argsTableEditsTheArgsWithTheirTypes(FxRobot robot) {
        robot.interact(() -> tab().document().edit(root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("args")).put("fps", 24)));
        assertThat(tab().source().text()).contains("\"fps\": 24");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.reactorstudio.studio.manifest.ArgRow> table =
                robot.lookup("#field-args").queryAs(javafx.scene.control.TableView.class);
        assertThat(table.getItems()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("fps");
            assertThat(r.value()).isEqualTo("24");
        });
    }

    @Test
    void saveWritesPrettyStableJson(FxRobot robot) throws Exception {
        TextField name = robot.lookup("#field-model_name").queryAs(TextField.class);
        typeInto(robot, name, "saved-model");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.S).release(javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !tab().dirty().get());
        String saved = Files.readString(folder.resolve("manifest.json"));
        assertThat(saved).contains("\"model_name\": \"saved-model\"").endsWith("}\n");
        assertThat(ManifestValidator.validate(saved, folder).ok()).isTrue();
        robot.interact(() -> studio.projectActions().save());
        assertThat(Files.readString(folder.resolve("manifest.json"))).isEqualTo(saved);
    }
}
