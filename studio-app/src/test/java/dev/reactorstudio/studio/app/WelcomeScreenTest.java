package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.project.RecentProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The welcome screen as a new user meets it: bundled examples open as writable copies, the recent
 * list survives a restart of the studio (same settings file), a deleted model is greyed and can be
 * removed, and the environment line fills in.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeScreenTest extends StudioFxTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    private Path examplesFolder() {
        return Path.of(test.prefs.get(Studio.EXAMPLES_FOLDER, ""));
    }

    @Test
    void openingAnExampleCopiesItToTheExamplesFolderAndOpensTheCopy(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#example-python-noise").tryQuery()).isPresent();
        robot.clickOn("#example-hello-pattern");
        WaitForAsyncUtils.waitForFxEvents();
        Path copy = examplesFolder().resolve("hello-pattern");
        assertThat(copy.resolve("manifest.json")).isRegularFile();
        assertThat(copy.resolve("model_pattern.java")).hasSameTextualContentAs(TestStudio.example().resolve("model_pattern.java"));
        assertThat(Files.isWritable(copy.resolve("model_pattern.java"))).isTrue();
        assertThat(studio.projectActions()).isNotNull();
        assertThat(((Stage) robot.listWindows().get(0)).getTitle()).startsWith("hello-pattern — ");
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
        assertThat(studio.editors().selected()).get().extracting(t -> t.file()).isEqualTo(copy.resolve("manifest.json"));

        // A second open keeps the author's edits: the copy is made once.
        Files.writeString(copy.resolve("notes.txt"), "mine");
        robot.interact(() -> studio.projectActions().close());
        robot.clickOn("#example-hello-pattern");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(copy.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void recentModelsSurviveARestartAndAMissingOneIsGreyedAndRemovable(FxRobot robot) throws Exception {
        Path kept = TestStudio.exampleCopy();
        Path deleted = TestStudio.exampleCopy();
        robot.interact(() -> studio.projectActions().open(deleted));
        robot.interact(() -> studio.projectActions().open(kept));
        TestStudio.deleteTree(deleted);

        robot.interact(() -> studio = test.restart(stage));
        // The last open model reopens on launch (StudioApp does this from the same settings)…
        assertThat(new RecentProjects(test.prefs).lastOpen()).contains(kept.toAbsolutePath().normalize());
        // …and the welcome screen lists both, newest first, the deleted one greyed.
        robot.interact(() -> studio.welcome().refresh());
        ListView<RecentProjects.Entry> list = robot.lookup("#recent-list").queryListView();
        assertThat(list.getItems()).extracting(RecentProjects.Entry::folder)
                .containsExactly(kept.toAbsolutePath().normalize(), deleted.toAbsolutePath().normalize());
        assertThat(list.getItems()).extracting(RecentProjects.Entry::exists).containsExactly(true, false);
        assertThat(robot.lookup(".recent-missing").queryAll()).hasSize(1);

        // Clicking the missing one says so and opens nothing; Remove takes it off for good.
        robot.clickOn(robot.lookup(".recent-missing").queryAs(javafx.scene.control.ListCell.class));
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("no longer exists");
        Button remove = robot.lookup(".recent-missing").lookup(".button").queryButton();
        robot.clickOn(remove);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).extracting(RecentProjects.Entry::folder).containsExactly(kept.toAbsolutePath().normalize());
        robot.interact(() -> studio = test.restart(stage));
        assertThat(new RecentProjects(test.prefs).entries()).extracting(RecentProjects.Entry::folder)
                .containsExactly(kept.toAbsolutePath().normalize());

        // Clicking an existing one opens it.
        robot.clickOn(robot.lookup("#recent-list .list-cell").queryAs(javafx.scene.control.ListCell.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Stage) robot.listWindows().get(0)).getTitle()).startsWith(kept.getFileName() + " — ");
    }

    @Test
    void theEnvironmentLineSaysWhatWasFoundAndOffersFixes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#env-python").tryQuery().isPresent());
        // python3 with numpy is installed on the build machine (scripts/setup.sh).
        assertThat(robot.lookup("#env-python").queryAs(Label.class).getText()).matches("✓ Python 3\\.\\d+.* \\+ numpy .*");
        // No registry in the test environment: said, with a way to set it.
        assertThat(robot.lookup("#env-registry").queryAs(Label.class).getText()).startsWith("⚠ no weights registry");
        assertThat(robot.lookup("#env-fix-registry").tryQuery()).isPresent();
        // Ports are 0 (any free port) in tests; a taken fixed port is named and fixable.
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            robot.interact(() -> studio.services().endpoints().get(0).requestedPort().set(busy.getLocalPort()));
            robot.interact(() -> studio.welcome().recheck());
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> robot.lookup("#env-ports").tryQuery().map(n -> ((Label) n).getText().contains("in use")).orElse(false));
            assertThat(robot.lookup("#env-ports").queryAs(Label.class).getText()).contains(busy.getLocalPort() + " in use");
            robot.clickOn("#env-fix-ports");
            assertThat(studio.services().endpoints().get(0).requestedPort().get()).isNotIn(0, busy.getLocalPort());
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> robot.lookup("#env-ports").tryQuery().map(n -> ((Label) n).getText().startsWith("✓")).orElse(false));
        }
    }
}
