package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Everything the studio remembers comes back when it is started again on the same settings file:
 * registry, ports, theme, window size, tool window layout and split positions, the open model.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsRoundTripTest extends StudioFxTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void settingsComeBackAfterARestart(FxRobot robot) throws Exception {
        Theme other = studio.theme().current().get() == Theme.DARK ? Theme.LIGHT : Theme.DARK;
        robot.interact(() -> {
            studio.projectActions().open(TestStudio.example());
            studio.weights().settings().location().set("s3://models/team");
            studio.weights().settings().endpoint().set("http://127.0.0.1:9000");
            studio.services().endpoints().get(0).requestedPort().set(18081);
            studio.services().endpoints().get(1).requestedPort().set(18080);
            studio.theme().current().set(other);
            studio.dockForTest().visible("log").set(false);
            studio.dockForTest().moveTo("messages", Dock.Side.RIGHT);
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        robot.interact(() -> studio.dockForTest().node().lookupAll(".split-pane").stream()
                .map(javafx.scene.control.SplitPane.class::cast)
                .filter(p -> p.getOrientation() == javafx.geometry.Orientation.VERTICAL && p.getDividers().size() == 1)
                .findFirst().orElseThrow().setDividerPositions(0.42));
        double width = stage.getScene().getWidth();

        robot.interact(() -> studio = test.restart(stage));

        assertThat(studio.weights().settings().location().get()).isEqualTo("s3://models/team");
        assertThat(studio.weights().settings().endpoint().get()).isEqualTo("http://127.0.0.1:9000");
        assertThat(studio.services().endpoints().get(0).requestedPort().get()).isEqualTo(18081);
        assertThat(studio.services().endpoints().get(1).requestedPort().get()).isEqualTo(18080);
        assertThat(studio.theme().current().get()).isEqualTo(other);
        assertThat(studio.dockForTest().visible("log").get()).isFalse();
        assertThat(test.prefs.get("tool.messages.side", "")).isEqualTo("RIGHT");
        assertThat(test.prefs.getDouble("dock.bottom", 0)).isCloseTo(0.42, org.assertj.core.data.Offset.offset(0.02));
        assertThat(test.prefs.getDouble("window.width", 0)).isEqualTo(width);
        assertThat(new dev.reactorstudio.studio.project.RecentProjects(test.prefs).lastOpen())
                .contains(TestStudio.example());
        // One readable file holds it all.
        assertThat(Files.readString(test.settingsFile)).contains("registry.location=s3\\://models/team")
                .contains("port.runtime=18081").contains("theme=" + other.name());
    }
}
