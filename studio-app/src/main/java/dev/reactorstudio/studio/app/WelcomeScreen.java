package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.manifest.EngineVersion;
import dev.reactorstudio.runtime.python.PythonOptions;
import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.services.ServiceEndpoint;
import dev.reactorstudio.studio.services.ServiceState;
import dev.reactorstudio.studio.services.StudioServices;
import dev.reactorstudio.studio.weights.RegistrySettings;
import dev.reactorstudio.studio.welcome.BundledExamples;
import dev.reactorstudio.studio.welcome.EnvironmentCheck;
import dev.reactorstudio.studio.welcome.WelcomeView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;

/** Wires the welcome screen to the studio's actions, and adds Settings and Close Model to the File menu. */
final class WelcomeScreen {
    private WelcomeScreen() {
    }

    static WelcomeView create(Studio.Options options, Workbench workbench, ProjectActions project, StudioServices services,
                              RegistrySettings registry, RecentProjects recent, Runnable openSettings) {
        Path copies = Path.of(options.prefs().get(Studio.EXAMPLES_FOLDER, "ReactorStudio/examples"));
        BundledExamples examples = BundledExamples.installed(copies);
        WelcomeView.Actions actions = new WelcomeView.Actions() {
            @Override
            public void open(Path folder) {
                project.open(folder);
            }

            @Override
            public void chooseFolder() {
                project.chooseAndOpen();
            }

            @Override
            public void newModel() {
                project.newModel();
            }

            @Override
            public void showRegistrySettings() {
                openSettings.run();
            }

            @Override
            public void useFreePorts() {
                for (ServiceEndpoint endpoint : services.endpoints()) {
                    try {
                        endpoint.requestedPort().set(EnvironmentCheck.freePort(options.bindHost()));
                    } catch (IOException e) {
                        endpoint.requestedPort().set(0); // any free port at Run
                    }
                }
                workbench.status().set("Services will use free ports (Settings or Services to change them)");
            }

            @Override
            public void status(String message) {
                workbench.status().set(message);
            }
        };
        return new WelcomeView("version " + EngineVersion.current(), actions, examples, recent, () -> {
            Map<String, Integer> ports = new LinkedHashMap<>();
            services.endpoints().forEach(e -> ports.put(e.title(), e.requestedPort().get()));
            return new EnvironmentCheck(PythonOptions.fromEnvironment(options.environment()).interpreter(),
                    registry.location().get(), options.bindHost(), ports);
        });
    }

    /** File › Settings… (Ctrl+,) and File › Close Model (back to the welcome screen; only while stopped). */
    static void addFileItems(Menu file, ProjectActions project, StudioServices services, Runnable openSettings) {
        MenuItem settings = new MenuItem("Settings…");
        settings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        settings.setOnAction(e -> openSettings.run());
        MenuItem close = new MenuItem("Close Model");
        close.setOnAction(e -> project.close());
        close.disableProperty().bind(Bindings.createBooleanBinding(
                () -> services.state().get() != ServiceState.STOPPED && services.state().get() != ServiceState.FAILED,
                services.state()));
        int exit = file.getItems().size() - 1; // before Exit's separator
        file.getItems().add(Math.max(0, exit - 1), settings);
        file.getItems().add(Math.max(0, exit - 1), close);
    }
}
