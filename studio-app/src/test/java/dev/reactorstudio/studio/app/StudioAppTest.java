package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StudioAppTest {

    @Start
    void start(Stage stage) {
        new StudioApp().start(stage);
    }

    @Test
    void windowOpensWithTitleAndStatus(FxRobot robot) {
        Stage stage = (Stage) robot.listWindows().get(0);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).startsWith("Reactor Studio");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("Open a model folder");
    }
}
