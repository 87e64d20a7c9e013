package dev.reactorstudio.studio.app;

import java.io.IOException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;

/**
 * A TestFX test class's studio: a {@link TestStudio} (settings, home and caches in temp folders)
 * opened on TestFX's stage, closed after each test. TestFX looks for {@code @Start} on the test
 * class itself only, so each subclass has a one-line {@code @Start} that calls {@link #open(Stage)}.
 */
abstract class StudioFxTest {
    TestStudio test;
    Studio studio;
    Stage stage;

    /** Call from the test class's {@code @Start}. */
    Studio open(Stage stage) throws IOException {
        this.stage = stage;
        test = new TestStudio();
        studio = test.open(stage);
        return studio;
    }

    @AfterEach
    void closeStudio(FxRobot robot) {
        test.closeOnFxThread(robot);
    }
}
