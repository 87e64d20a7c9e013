package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.studio.preview.MessageEntry;
import dev.reactorstudio.studio.services.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The preview's command controls on the bundled example: they start where the model is (its
 * reported values, which here differ from the declared defaults), and "Send on change" sends what a
 * finished gesture left — a track click, an arrow key, a typed value — snapped to the slider's step.
 */
@ExtendWith(ApplicationExtension.class)
class CommandControlsTest {
    private static final long WAIT = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestStudio test;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        test = new TestStudio();
        test.prefs.putDouble("dock.right", 0.35); // a wide Preview: frames above, the command cards below
        Path model = TestStudio.exampleCopy();
        // The model runs at speed 2.5 in "cool": not its @Param defaults (1, "warm"), not a slider's minimum.
        Path manifest = model.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"speed\": 1.0", "\"speed\": 2.5")
                .replace("\"palette\": \"warm\"", "\"palette\": \"cool\""));
        studio = test.open(stage);
        studio.projectActions().open(model);
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    @Test
    void controlsStartAtTheModelsValuesAndSendOnChangeSendsEachFinishedGestureSnappedToTheStep(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        robot.interact(() -> studio.dockForTest().show("preview"));
        Slider speed = robot.lookup("#cmd-set_speed-speed-slider").queryAs(Slider.class);
        TextField speedField = robot.lookup("#cmd-set_speed-speed-field").queryAs(TextField.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> palette = robot.lookup("#cmd-set_palette-palette").queryAs(ComboBox.class);

        // The session reports speed 2.5 and "cool" when it starts: the controls show them.
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> speed.getValue() == 2.5 && "cool".equals(palette.getValue()));
        assertThat(speedField.getText()).isEqualTo("2.5");
        assertThat(robot.lookup("#command-panel-title").queryAs(Label.class).getText()).isEqualTo("Commands — hello-pattern 1.0.0");
        int before = messages(robot).size();
        assertThat(stateSpeeds(robot)).as("nothing is sent by controls taking the model's values").containsOnly(2.5);

        robot.clickOn(visible(robot, "#command-send-on-change"));
        assertThat(robot.lookup("#command-send-on-change").queryAs(CheckBox.class).isSelected()).isTrue();

        // A click on the track sends the value it left, on the step (0.1), once.
        robot.clickOn(visible(robot, "#cmd-set_speed-speed-slider"));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> stateSpeeds(robot).size() > 1);
        double clicked = last(stateSpeeds(robot));
        assertThat(clicked).isNotEqualTo(2.5).isBetween(3.0, 7.0);
        assertThat(Math.abs(clicked * 10 - Math.rint(clicked * 10))).as("on the 0.1 step: " + clicked).isLessThan(1e-9);
        assertThat(speed.getValue()).isEqualTo(clicked);

        // An arrow key moves one step and sends it.
        robot.type(KeyCode.RIGHT);
        double stepped = Math.round((clicked + 0.1) * 10) / 10.0;
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> last(stateSpeeds(robot)) == stepped);

        // An exact value typed into the field, then Enter.
        robot.doubleClickOn(visible(robot, "#cmd-set_speed-speed-field")).eraseText(8).write("3.33").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> last(stateSpeeds(robot)) == 3.33);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> robot.lookup("#cmd-set_speed-result").queryAs(Label.class)
                .getText().startsWith("✓ Sent speed = 3.33 at "));
        assertThat(speed.getValue()).isEqualTo(3.33);

        // A value out of range is not sent; the field says why.
        int sent = stateSpeeds(robot).size();
        robot.doubleClickOn(visible(robot, "#cmd-set_speed-speed-field")).eraseText(8).write("12").type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertThat(speedField.getStyleClass()).contains("invalid");
        assertThat(stateSpeeds(robot)).hasSize(sent);
        assertThat(messages(robot).size()).isGreaterThan(before);
    }

    /** Scrolls the command panel until the node shows. */
    private static Node visible(FxRobot robot, String query) {
        ScrollPane scroll = robot.lookup("#command-scroll").queryAs(ScrollPane.class);
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            Node content = scroll.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(hidden <= 0 ? 0 : Math.max(0, Math.min(1, y / hidden)));
        });
        return node;
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /** The speeds of the model's "state" messages, in order. */
    private static List<Double> stateSpeeds(FxRobot robot) {
        return messages(robot).stream().filter(m -> m.type().equals("state")).map(m -> {
            try {
                return JSON.readTree(m.compact());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.has("speed")).map(n -> n.get("speed").asDouble()).toList();
    }

    private static List<MessageEntry> messages(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<MessageEntry> log = robot.lookup("#message-log").queryAs(ListView.class);
        try {
            return WaitForAsyncUtils.asyncFx(() -> List.copyOf(log.getItems())).get(WAIT, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
