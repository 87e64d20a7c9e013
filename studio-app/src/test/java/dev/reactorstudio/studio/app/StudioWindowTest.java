package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TabPane;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StudioWindowTest extends StudioFxTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void opensOnTheWelcomeScreenThenTheToolWindowsWithAModel(FxRobot robot) {
        Stage window = (Stage) robot.listWindows().get(0);
        assertThat(window.getTitle()).startsWith("Reactor Studio");
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("Open a model folder");
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        assertThat(robot.lookup("#dock-right").tryQuery()).isEmpty();
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
        TabPane right = robot.lookup("#dock-right").queryAs(TabPane.class);
        TabPane bottom = robot.lookup("#dock-bottom").queryAs(TabPane.class);
        assertThat(right.getTabs()).extracting(t -> t.getText()).containsExactly("Preview", "Weights");
        assertThat(bottom.getTabs()).extracting(t -> t.getText()).containsExactly("Services", "Messages", "Problems", "Log");
    }

    @Test
    void openingTheExampleShowsItsFilesAndTheManifestEditor(FxRobot robot) {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        TreeView<?> tree = robot.lookup("#project-tree").queryAs(TreeView.class);
        assertThat(tree.getRoot().getChildren()).extracting(i -> i.getValue().toString())
                .anyMatch(p -> p.endsWith("manifest.json")).anyMatch(p -> p.endsWith("model_pattern.java"));
        assertThat(studio.editors().selected()).get().extracting(t -> t.getText()).isEqualTo("manifest.json");
        assertThat(((Stage) robot.listWindows().get(0)).getTitle()).startsWith("hello-pattern — Reactor Studio");
    }

    @Test
    void pullWeightsBringsTheWeightsWindowForward(FxRobot robot) {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        robot.interact(() -> studio.dockForTest().visible("weights").set(false));
        robot.clickOn("#toolbar-pull");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.dockForTest().visible("weights").get()).isTrue();
        assertThat(robot.lookup("#dock-right").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText())
                .isEqualTo("Weights");
    }

    @Test
    void toolWindowsHideMoveAndComeBack(FxRobot robot) {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        robot.interact(() -> studio.dockForTest().visible("log").set(false));
        assertThat(robot.lookup("#dock-bottom").queryAs(TabPane.class).getTabs()).extracting(t -> t.getText()).doesNotContain("Log");
        robot.interact(() -> studio.dockForTest().moveTo("log", Dock.Side.RIGHT));
        assertThat(robot.lookup("#dock-right").queryAs(TabPane.class).getTabs()).extracting(t -> t.getText()).contains("Log");
        assertThat(test.prefs.get("tool.log.side", "")).isEqualTo("RIGHT");
    }

    @Test
    void themeSwitchesBetweenLightAndDarkAndIsRemembered(FxRobot robot) {
        Theme before = studio.theme().current().get();
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.theme().current().get()).isNotEqualTo(before);
        assertThat(test.prefs.get("theme", "")).isEqualTo(studio.theme().current().get().name());
    }
}
