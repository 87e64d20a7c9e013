package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.manifest.EngineVersion;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The studio window. For now: the shell the IDE grows into, showing the model folder it was opened on. */
public final class StudioApp extends Application {

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters() == null ? List.of() : getParameters().getUnnamed();
        Path folder = args.isEmpty() ? null : Path.of(args.get(0)).toAbsolutePath().normalize();
        Label status = new Label(folder == null ? "Open a model folder to begin" : "Model folder: " + folder);
        status.setId("status");
        BorderPane root = new BorderPane(status);
        stage.setTitle("Reactor Studio " + EngineVersion.current());
        stage.setScene(new Scene(root, 1100, 720));
        stage.show();
    }
}
