package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.manifest.ManifestEditorTab;
import dev.reactorstudio.studio.preview.MessageEntry;
import dev.reactorstudio.studio.services.ServiceState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
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
 * Run, Stop, Rerun, switching models and closing, as an author meets them: nothing stays behind
 * that looks live, nothing is silent, and closing never blocks the window.
 */
@ExtendWith(ApplicationExtension.class)
class RunLifecycleTest {
    private static final long WAIT = 60;

    private TestStudio test;
    private Studio studio;
    private Stage stage;
    private final List<ServiceState> states = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        test = new TestStudio();
        test.prefs.putDouble("dock.right", 0.35);
        studio = test.open(stage);
        studio.services().state().addListener((o, a, b) -> states.add(b));
    }

    @AfterEach
    void close(FxRobot robot) {
        test.closeOnFxThread(robot);
    }

    private void runAndWaitForFrames(FxRobot robot) throws Exception {
        robot.clickOn("#run");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.UP);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().statsForTour() > 10);
    }

    private String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void stopDuringARecordingSavesItAndTheUiShowsTheFileNotARecordingInProgress(FxRobot robot) throws Exception {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        runAndWaitForFrames(robot);
        assertThat(studio.dockForTest().tab("preview").isSelected()).as("Run brought the Preview forward").isTrue();
        ToggleButton record = robot.lookup("#preview-record").queryAs(ToggleButton.class);
        robot.clickOn(record);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().recording().get());
        assertThat(record.getText()).isEqualTo("■ Stop recording");
        WaitForAsyncUtils.sleep(1200, TimeUnit.MILLISECONDS);

        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.STOPPED);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().lastCapture().get() != null);
        Path saved = studio.preview().lastCapture().get();
        assertThat(saved.toString()).endsWith(".mp4");
        assertThat(saved).isRegularFile();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(record.isSelected()).isFalse();
        assertThat(record.getText()).isEqualTo("● Record");
        assertThat(robot.lookup("#record-time").queryAs(Label.class).getText()).isEmpty();
        Label captureStatus = robot.lookup("#capture-status").queryAs(Label.class);
        assertThat(captureStatus.getText()).contains("Saved " + saved);
        assertThat(captureStatus.isVisible()).isTrue();
        // The last frame is not dressed as live.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#preview-overlay").queryAs(Label.class).getText()
                .equals("Stopped — last frame"));

        // Stopped, the Preview dock turns compact: press the buttons rather than aim at them.
        robot.interact(robot.lookup("#capture-open-folder").queryButton()::fire);
        assertThat(test.opened).contains(saved.getParent().toUri().toString());
        assertThat(captureStatus.getText()).contains(saved.getParent().toString());
        assertThat(robot.lookup("#capture-copy").queryAs(Button.class).isDisabled()).isFalse();

        // Record again is not "Recording failed: not recording": without frames it says what to do.
        robot.interact(record::fire);
        assertThat(captureStatus.getText()).doesNotContain("not recording");
    }

    @Test
    void f5WhileRunningSaysHowToRestartRerunRestartsAndAnotherModelAsksFirst(FxRobot robot) throws Exception {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        runAndWaitForFrames(robot);
        robot.type(KeyCode.F5);
        assertThat(status(robot)).isEqualTo("hello-pattern is already running — Rerun (Ctrl+F5) restarts it");

        states.clear();
        // Model › Rerun (Monocle's robot does not carry the Ctrl modifier to accelerators).
        robot.clickOn("Model").clickOn("Rerun (Ctrl+F5)");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> states.contains(ServiceState.STOPPED)
                && studio.services().state().get() == ServiceState.UP);
        assertThat(states).containsSubsequence(ServiceState.STOPPING, ServiceState.STOPPED, ServiceState.STARTING, ServiceState.UP);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.preview().statsForTour() > 10);

        // Opening another model while this one runs asks; "Stop … and run …" switches.
        Path other = copyAs("pattern-two");
        states.clear();
        javafx.application.Platform.runLater(() -> studio.projectActions().open(other));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> robot.lookup("Stop hello-pattern and run pattern-two").tryQuery().isPresent());
        choose(robot, "Stop hello-pattern and run pattern-two");
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> states.contains(ServiceState.STOPPED)
                && studio.services().state().get() == ServiceState.UP);
        assertThat(studio.runActions().runningName()).isEqualTo("pattern-two");
        // The Preview names the model it shows (the copy's manifest still calls it hello-pattern).
        Label previewStatus = robot.lookup("#preview-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> previewStatus.getText().startsWith("hello-pattern 1.0.0 · "));
        // The previous model's messages went with it.
        @SuppressWarnings("unchecked")
        ListView<MessageEntry> log = robot.lookup("#message-log").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> !log.getItems().isEmpty());
        String session = log.getItems().get(0).sessionId();
        assertThat(log.getItems()).allMatch(m -> m.sessionId().equals(session));

        // Keeping it running leaves it named while the new folder is open.
        javafx.application.Platform.runLater(() -> studio.projectActions().open(TestStudio.example()));
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> robot.lookup("Keep pattern-two running").tryQuery().isPresent());
        choose(robot, "Keep pattern-two running");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.services().state().get()).isEqualTo(ServiceState.UP);
        assertThat(studio.runActions().runningName()).isEqualTo("pattern-two");
    }

    @Test
    void runWithAnInvalidUnsavedManifestStartsNothingAndShowsTheProblem(FxRobot robot) throws Exception {
        Path model = copyAs("broken-model");
        String onDisk = Files.readString(model.resolve("manifest.json"));
        robot.interact(() -> studio.projectActions().open(model));
        ManifestEditorTab tab = (ManifestEditorTab) studio.editors().find(model.resolve("manifest.json")).orElseThrow();
        robot.interact(() -> tab.source().area().replaceText(tab.source().text().replace("\"fps\": 30", "\"fps\": \"fast\"")));
        states.clear();
        robot.clickOn("#run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(states).as("nothing started").isEmpty();
        assertThat(Files.readString(model.resolve("manifest.json"))).as("nothing saved").isEqualTo(onDisk);
        assertThat(studio.problems().all()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
            assertThat(p.location()).isEqualTo("args.fps");
        });
        assertThat(status(robot)).startsWith("Fix manifest.json before Run: ");
        assertThat(studio.dockForTest().tab("problems").isSelected()).isTrue();

        // A syntax error is the file's problem, at its line: no field of the form turns red for it.
        robot.interact(() -> tab.source().area().replaceText(tab.source().text().replace("\"args\": {", "\"args\": {,")));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node runtimeField = robot.lookup("#field-reactor-runtime").query();
        assertThat(runtimeField.getPseudoClassStates()).extracting(Object::toString).doesNotContain("error");
        assertThat(robot.lookup("#error-reactor-runtime").queryAs(Label.class).getText()).startsWith("line ");
        robot.interact(() -> tab.source().area().replaceText(tab.source().text().replace("\"args\": {,", "\"args\": {")));

        // Fixed, it runs, and no stale failure row remains.
        robot.interact(() -> tab.source().area().replaceText(tab.source().text().replace("\"fps\": \"fast\"", "\"fps\": 30")));
        runAndWaitForFrames(robot);
        assertThat(studio.problems().all()).noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    @Test
    void aPortInUseIsFiledUnderTheServicesNotTheManifest(FxRobot robot) throws Exception {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            robot.interact(() -> studio.services().runtime().requestedPort().set(taken.getLocalPort()));
            robot.clickOn("#run");
            WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> studio.services().state().get() == ServiceState.FAILED);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(studio.problems().all()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(RunFailures.SERVICES);
                assertThat(p.message()).contains("is the port in use?");
            });
        }
    }

    @Test
    void closingStopsTheModelInTheBackgroundWhileTheWindowSaysStopping(FxRobot robot) throws Exception {
        robot.interact(() -> studio.projectActions().open(TestStudio.example()));
        runAndWaitForFrames(robot);
        int port = studio.services().runtime().boundPort().get();
        Label status = robot.lookup("#status").queryAs(Label.class);
        List<String> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> status.textProperty().addListener((o, a, b) -> seen.add(b)));
        long before = System.nanoTime();
        robot.interact(studio::exit);
        long fxBlockedMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(seen).anyMatch(s -> s.startsWith("Stopping…"));
        // The FX thread keeps running while the services stop (generous bound: stopping itself takes longer).
        assertThat(fxBlockedMillis).as("exit() returned to the FX thread").isLessThan(5_000);
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> !stage.isShowing());
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    /** Presses a button of the question dialog once its window shows. */
    private static void choose(FxRobot robot, String button) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, () -> robot.lookup(button).tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).isPresent());
        Button choice = robot.lookup(button).queryButton();
        robot.interact(choice::fire);
    }

    private static Path copyAs(String name) throws Exception {
        Path target = Files.createTempDirectory("studio-model").resolve(name);
        Files.createDirectories(target);
        try (var files = Files.list(TestStudio.example())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
