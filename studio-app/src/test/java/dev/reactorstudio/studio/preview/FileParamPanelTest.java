package dev.reactorstudio.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.model.CommandRegistry;
import dev.reactorstudio.runtime.model.CommandRejectedException;
import dev.reactorstudio.runtime.session.CommandBinder;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A file parameter in the command panel: a path field with a chooser; Send uploads the file
 * through the session's upload store (the engine's limits) and the model receives it.
 */
@ExtendWith(ApplicationExtension.class)
class FileParamPanelTest {
    @TempDir
    Path dir;
    private final FileModel model = new FileModel();
    private SessionManager sessions;

    /** Records what each file parameter received: name, size and the first bytes. */
    public static final class FileModel extends VideoModel {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void startSession() throws Exception {
            var ctx = Reactor.ctx();
            while (!ctx.shouldStop()) {
                Thread.sleep(10);
            }
        }

        @Command(name = "set_overlay", description = "Overlays an image")
        public void setOverlay(@Param(description = "the image") UploadedFile image,
                               @Param(defaultValue = "0.5", min = 0, max = 1) double opacity) throws Exception {
            received.add(image.name() + " " + image.size() + " " + new String(image.readAllBytes(), StandardCharsets.UTF_8) + " " + opacity);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        CommandRegistry registry = CommandRegistry.of(FileModel.class);
        CommandBinder binder = new CommandBinder() {
            @Override
            public Callable<Object> bind(String name, com.fasterxml.jackson.databind.JsonNode args) {
                return bind(name, args, Map.of());
            }

            @Override
            public Callable<Object> bind(String name, com.fasterxml.jackson.databind.JsonNode args,
                                         Map<String, UploadedFile> files) {
                try {
                    var call = registry.validate(name, args, files);
                    return () -> call.invoke(model);
                } catch (CommandRejectedException e) {
                    throw new InvalidCommandException(e.getMessage(), e.problems());
                }
            }
        };
        sessions = new SessionManager(model, binder, SessionSettings.defaults(), new UploadLimits(100, 4, 400));
        sessions.start();
        CommandPanel panel = new CommandPanel(new CommandSender(() -> sessions));
        panel.showCommands(new PreviewController.Commands("file-model", registry.commands(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null));
        stage.setScene(new Scene(panel, 600, 400));
        stage.show();
    }

    @AfterEach
    void close() {
        sessions.stop(EndReason.STOPPED);
        sessions.close();
    }

    private String outcome(FxRobot robot) {
        return robot.lookup("#cmd-set_overlay-result").queryAs(Label.class).getText();
    }

    private void send(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> robot.lookup("#cmd-set_overlay-image-path").queryAs(TextField.class).setText(file.toString()));
        robot.interact(() -> robot.lookup("#cmd-set_overlay-result").queryAs(Label.class).setText(""));
        robot.clickOn("#cmd-set_overlay-send");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !outcome(robot).isEmpty());
    }

    @Test
    void aChosenFileIsUploadedAndReachesTheModel(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#cmd-set_overlay-image-choose").tryQuery()).isPresent();
        Path file = dir.resolve("overlay.png");
        Files.writeString(file, "PNGDATA");
        send(robot, file);
        assertThat(outcome(robot)).startsWith("✓ Sent");
        assertThat(model.received).containsExactly("overlay.png 7 PNGDATA 0.5");
    }

    @Test
    void anOversizedOrMissingFileIsRefusedInWordsAndNothingReachesTheModel(FxRobot robot) throws Exception {
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[101]);
        send(robot, big);
        assertThat(outcome(robot)).startsWith("upload refused: image: ").contains("limit is 100 bytes");
        send(robot, dir.resolve("nothing-here.png"));
        assertThat(outcome(robot)).contains("no file");
        robot.interact(() -> robot.lookup("#cmd-set_overlay-image-path").queryAs(TextField.class).setText(""));
        robot.interact(() -> robot.lookup("#cmd-set_overlay-result").queryAs(Label.class).setText(""));
        robot.clickOn("#cmd-set_overlay-send");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !outcome(robot).isEmpty());
        assertThat(outcome(robot)).contains("image: missing (required)");
        assertThat(model.received).isEmpty();
    }
}
