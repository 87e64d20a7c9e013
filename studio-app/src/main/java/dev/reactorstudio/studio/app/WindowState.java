package dev.reactorstudio.studio.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers the window's position, size and maximized state across runs. The first launch opens
 * at 1400×900 (or 85 % of a smaller screen) centred; a saved position that is on no screen any more
 * (a monitor was unplugged) is ignored rather than opening off-screen. The size is given to the
 * {@link Scene} itself: some window managers ignore a stage size set before the window maps and
 * shrink it to the content's preferred size.
 */
final class WindowState {
    private final Preferences prefs;

    WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Content width for the scene. */
    double width() {
        return Math.max(640, prefs.getDouble("window.width", Math.min(1400, screen().getWidth() * 0.85)));
    }

    /** Content height for the scene. */
    double height() {
        return Math.max(480, prefs.getDouble("window.height", Math.min(900, screen().getHeight() * 0.85)));
    }

    private static Rectangle2D screen() {
        return Screen.getPrimary().getVisualBounds();
    }

    void restore(Stage stage) {
        double w = width();
        double h = height();
        stage.setMinWidth(640);
        stage.setMinHeight(480);
        // A stage shown before (tests reuse one) keeps its old size for a new scene unless told.
        stage.sizeToScene();
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            Rectangle2D screen = screen();
            stage.setX(screen.getMinX() + Math.max(0, (screen.getWidth() - w) / 2));
            stage.setY(screen.getMinY() + Math.max(0, (screen.getHeight() - h) / 2));
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    void save(Stage stage) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized() && stage.getScene() != null) {
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
            prefs.putDouble("window.width", stage.getScene().getWidth());
            prefs.putDouble("window.height", stage.getScene().getHeight());
        }
    }
}
