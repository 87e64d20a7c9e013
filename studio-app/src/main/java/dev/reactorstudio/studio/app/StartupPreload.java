package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.settings.AppLog;
import dev.reactorstudio.studio.settings.UserDirs;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

/**
 * Start-up work that needs no FX thread, begun in {@code main} so that it runs while the JavaFX
 * toolkit starts instead of after it: logging (logback reads its configuration) with the app's log
 * file, and the user's settings file. The FX thread then only waits for what is left of it.
 */
final class StartupPreload {
    private static CompletableFuture<Preferences> settings;

    private StartupPreload() {
    }

    /** Starts the work on the {@code studio-startup} thread; idempotent. */
    static synchronized void begin() {
        if (settings != null) {
            return;
        }
        settings = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                AppLog.install(UserDirs.current().logs(), "5MB");
                settings.complete(Studio.Options.userSettings());
            } catch (RuntimeException | Error e) {
                settings.completeExceptionally(e);
            }
        }, "studio-startup");
        thread.setDaemon(true);
        thread.start();
    }

    /** The user's settings, once read (begins the work if {@link #begin()} was not called). */
    static Preferences settings() {
        begin();
        return settings.join();
    }
}
