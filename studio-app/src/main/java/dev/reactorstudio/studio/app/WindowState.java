package dev.reactorstudio.studio.app;

import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

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
        // A stage shown before (tests reuse one) keeps its old size for a new scene unless told.
        stage.sizeToScene();
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (Double.isNaN(x) || Screen.getScreensForRectangle(new Rectangle2D(x, y, w, h)).isEmpty()) {
            Rectangle2D screen = screen();
            x = screen.getMinX() + Math.max(0, (screen.getWidth() - w) / 2);
            y = screen.getMinY() + Math.max(0, (screen.getHeight() - h) / 2);
        }
        stage.setX(x);
        stage.setY(y);
        boolean maximized = prefs.getBoolean("window.maximized", false);
        stage.setMaximized(maximized);
        if (stage.isShowing()) {
            stage.setMinWidth(640);
            stage.setMinHeight(480);
            return;
        }
        // Under openbox a window whose first map carries minimum-size hints opens at that minimum, at 0,0: the
        // minimum is set once the window is up, and its size and place are asked for again then.
        double placeX = x;
        double placeY = y;
        EventHandler<WindowEvent> shown = new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                Platform.runLater(() -> {
                    stage.setMinWidth(640);
                    stage.setMinHeight(480);
                    if (!stage.isMaximized()) {
                        stage.sizeToScene();
                        stage.setX(placeX);
                        stage.setY(placeY);
                    }
                });
            }
        };
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, shown);
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
