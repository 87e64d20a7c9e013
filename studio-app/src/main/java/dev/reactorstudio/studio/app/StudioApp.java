package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.welcome.BundledExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: opens the studio window, on the model folder (or bundled example name)
 * given as the first argument, else the model open when it last closed, else the welcome screen;
 * {@code --run} also presses Run — both once the window has been painted, so it appears at once. Logs
 * go to a rotated file in the user's state folder as well ({@link StartupPreload}).
 */
public final class StudioApp extends Application {
    private Studio studio;

    @Override
    public void start(Stage stage) {
        Studio.Options options = Studio.Options.defaults(StartupPreload.settings(), url -> getHostServices().showDocument(url));
        studio = Studio.open(stage, options);
        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
        List<String> folders = args.stream().filter(a -> !a.startsWith("--")).toList();
        // Opening a model (editor, manifest form) and Run wait for the first frame: the window shows at once.
        FirstPaint.whenPainted(() -> {
            if (!folders.isEmpty()) {
                studio.projectActions().open(folderFor(folders.get(0), options));
            } else {
                // The model open when the studio last closed; the welcome screen when there was none or it is gone.
                new RecentProjects(options.prefs()).lastOpen().ifPresent(studio.projectActions()::open);
            }
            if (args.contains("--run")) {
                studio.runActions().run();
            }
        });
        if (Boolean.getBoolean(StartupTraining.PROPERTY)) {
            FirstPaint.whenPainted(() -> StartupTraining.run(studio, options));
        }
    }

    /**
     * A folder as given, or — when no such folder exists — the bundled example of that name
     * ({@code ReactorStudio hello-pattern --run}), as its writable copy.
     */
    private static Path folderFor(String argument, Studio.Options options) {
        Path given = Path.of(argument);
        if (Files.isDirectory(given)) {
            return given;
        }
        BundledExamples examples = BundledExamples.installed(Path.of(options.prefs().get(Studio.EXAMPLES_FOLDER, "examples")));
        for (BundledExamples.Example example : examples.list()) {
            if (example.name().equals(argument)) {
                try {
                    return examples.writableCopy(example);
                } catch (java.io.IOException e) {
                    LoggerFactory.getLogger(StudioApp.class).error("Cannot copy example {}: {}", argument, e.getMessage());
                }
            }
        }
        return given;
    }

    @Override
    public void stop() {
        if (studio != null) {
            studio.close();
        }
    }
}
