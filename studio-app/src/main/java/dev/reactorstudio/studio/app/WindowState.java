package dev.reactorstudio.studio.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the window's position, size and maximized state across runs. A saved position that
 * is on no screen any more (a monitor was unplugged) is ignored rather than opening off-screen.
 */
final class WindowState {
    private final Preferences prefs;

    WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    void restore(Stage stage) {
        double w = prefs.getDouble("window.width", 1280);
        double h = prefs.getDouble("window.height", 800);
        stage.setWidth(w);
        stage.setHeight(h);
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    void save(Stage stage) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
        }
    }
}
