package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.settings.AppLog;
import dev.reactorstudio.studio.settings.UserDirs;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the studio window, on the model folder given as the first
 * argument (or the last one opened); {@code --run} also presses Run.
 */
public final class StudioApp extends Application {
    private Studio studio;

    @Override
    public void start(Stage stage) {
        AppLog.install(UserDirs.current().logs(), "5MB");
        Studio.Options options = Studio.Options.defaults(url -> getHostServices().showDocument(url));
        studio = Studio.open(stage, options);
        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
        List<String> folders = args.stream().filter(a -> !a.startsWith("--")).toList();
        if (!folders.isEmpty()) {
            studio.projectActions().open(Path.of(folders.get(0)));
        } else {
            // The model open when the studio last closed; the welcome screen when there was none or it is gone.
            new RecentProjects(options.prefs()).lastOpen().ifPresent(studio.projectActions()::open);
        }
        if (args.contains("--run")) {
            studio.runActions().run();
        }
    }

    @Override
    public void stop() {
        if (studio != null) {
            studio.close();
        }
    }
}
