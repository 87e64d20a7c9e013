package dev.reactorstudio.studio.app;

import javafx.application.Application;

/**
 * Entry point. It must not extend {@link Application}: with JavaFX on the class path (not the
 * module path) the launcher would otherwise fail with "JavaFX runtime components are missing".
 */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void main(String[] args) {
        StartupPreload.begin();
        Application.launch(StudioApp.class, args);
    }
}
