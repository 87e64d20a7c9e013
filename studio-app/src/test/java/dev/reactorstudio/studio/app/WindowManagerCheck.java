package dev.reactorstudio.studio.app;

import static dev.reactorstudio.studio.app.ScriptedStudio.fx;
import static dev.reactorstudio.studio.app.ScriptedStudio.onFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.robot.Robot;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * The studio's window under a real window manager (scripts/studio-wm-check.sh: Xvfb 1600×1000 +
 * openbox), as a new user meets it: the first window's size and place, the same place after a
 * relaunch; New Model, Settings, Keyboard Shortcuts, About and Open Folder over the studio where the
 * user left it, then New Model (three times) and Open over a maximized studio — each centred on the
 * studio as X has the windows ({@code xwininfo}), the studio keeping its place and size. Prints one
 * {@code WM ok|FAIL ...} line per check with the numbers, and screenshots of the whole screen
 * (window-manager frames included); exits non-zero when a check fails. A tool like
 * {@link StudioTour}, not a unit test: Monocle has no window manager.
 */
public final class WindowManagerCheck {
    /** How far (px) a dialog's centre may be from the studio's: frames and rounding, not a misplacement. */
    static final double CENTRED = 24;
    private static Path out;
    private static boolean failed;

    private WindowManagerCheck() {
    }

    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "target/wm-check").toAbsolutePath();
        Application.launch(Check.class, args);
        System.exit(failed ? 1 : 0);
    }

    /** The check's application. */
    public static final class Check extends Application {
        private ScriptedStudio scripted;
        private Stage stage;
        private Studio studio;

        @Override
        public void start(Stage primary) throws Exception {
            stage = primary;
            scripted = new ScriptedStudio("wm-check");
            studio = scripted.open(stage);
            scripted.runThenExit(this::check, () -> studio, () -> failed = true);
        }

        private void check() throws Exception {
            Files.createDirectories(out);
            Thread.sleep(2500); // the window manager maps, frames and places the window
            Rectangle2D screen = onFx(() -> Screen.getPrimary().getVisualBounds());
            Rectangle2D first = bounds(stage);
            report("first window is a sensible size", first.getWidth() >= 1000 && first.getHeight() >= 700
                    && first.getWidth() <= screen.getWidth() && first.getHeight() <= screen.getHeight(),
                    XWindow.describe(first) + " on a " + XWindow.describe(screen) + " screen");
            double dx = Math.abs(first.getMinX() + first.getWidth() / 2 - (screen.getMinX() + screen.getWidth() / 2));
            double dy = Math.abs(first.getMinY() + first.getHeight() / 2 - (screen.getMinY() + screen.getHeight() / 2));
            report("first window is centred", dx <= 40 && dy <= 40, "centre off by " + dx + "," + dy);
            screenshot("wm-first-window.png");

            // Moved and resized by the user, then closed: the next launch opens there again.
            fx(() -> {
                stage.setX(120);
                stage.setY(90);
                stage.setWidth(1200);
                stage.setHeight(760);
            });
            Thread.sleep(1500);
            Rectangle2D moved = bounds(stage);
            fx(() -> studio.close());
            fx(() -> studio = scripted.open(stage));
            Thread.sleep(2500);
            Rectangle2D again = bounds(stage);
            report("a relaunch opens where the window was", close(moved, again, 12), XWindow.describe(moved) + " then " + XWindow.describe(again));

            // Every dialog over the studio where the user left it: centred on it, the studio unchanged.
            dialogCentred("New Model", "New model", () -> studio.projectActions().newModel(), "wm-new-model-window.png");
            dialogCentred("Settings", "Settings", () -> menuItem("Settings…").fire(), null);
            dialogCentred("Keyboard Shortcuts", "Keyboard shortcuts", () -> menuItem("Keyboard Shortcuts").fire(), null);
            dialogCentred("About", "About Reactor Studio", () -> menuItem("About Reactor Studio").fire(), null);
            chooserCentred("wm-open-folder-window.png");

            // Maximized, then New Model (three times: the window manager's placement races the dialog's
            // own) and Open: centred on the studio, which stays maximized at its size.
            fx(() -> stage.setMaximized(true));
            Thread.sleep(2000);
            Rectangle2D maximized = bounds(stage);
            report("maximizes", onFx(stage::isMaximized), XWindow.describe(maximized));
            for (int i = 1; i <= 3; i++) {
                dialogCentred("New Model over the maximized studio (" + i + ")", "New model",
                        () -> studio.projectActions().newModel(), i == 1 ? "wm-new-model.png" : null);
                report("the studio is still maximized after New Model", onFx(stage::isMaximized) && close(maximized, bounds(stage), 2),
                        XWindow.describe(bounds(stage)));
            }
            chooserCentred("wm-open-folder.png");
            report("the studio is still maximized after Open", onFx(stage::isMaximized) && close(maximized, bounds(stage), 2),
                    XWindow.describe(bounds(stage)));
        }

        /**
         * Opens a dialog, lets the window manager place it, and measures where X has both windows
         * ({@code xwininfo}: the client areas, frames aside): their centres may differ by {@link #CENTRED} px.
         * Also that the studio kept its place and size while the dialog was open.
         */
        private void dialogCentred(String what, String title, Runnable open, String screenshot) throws Exception {
            Rectangle2D studioBefore = XWindow.client(onFx(stage::getTitle)).orElseThrow();
            Platform.runLater(open);
            Window dialog = waitForWindow(title);
            Thread.sleep(2000); // past the dialog's settling (Dialogs.SETTLING)
            Rectangle2D box = XWindow.client(title).orElseThrow();
            Rectangle2D studioDuring = XWindow.client(onFx(stage::getTitle)).orElseThrow();
            reportCentred(what, box, studioDuring);
            report(what + " leaves the studio's place and size", close(studioBefore, studioDuring, 2),
                    XWindow.describe(studioBefore) + " then " + XWindow.describe(studioDuring));
            if (screenshot != null) {
                screenshot(screenshot);
            }
            fx(dialog::hide);
            Thread.sleep(800);
        }

        /** Open Folder: GTK's own chooser, whose modal loop holds the FX thread; X is asked where it is. */
        private void chooserCentred(String screenshot) throws Exception {
            String title = "Open a model folder";
            Rectangle2D studioBefore = XWindow.client(onFx(stage::getTitle)).orElseThrow();
            Platform.runLater(() -> studio.projectActions().chooseAndOpen());
            Rectangle2D box = XWindow.await(title, 30);
            Thread.sleep(2000);
            box = XWindow.client(title).orElse(box);
            reportCentred("Open Folder", box, studioBefore);
            screenshotByAwt(screenshot);
            java.awt.Robot keys = new java.awt.Robot();
            keys.keyPress(java.awt.event.KeyEvent.VK_ESCAPE);
            keys.keyRelease(java.awt.event.KeyEvent.VK_ESCAPE);
            Thread.sleep(1500);
            Rectangle2D studioAfter = XWindow.client(onFx(stage::getTitle)).orElseThrow();
            report("Open Folder leaves the studio's place and size", close(studioBefore, studioAfter, 2),
                    XWindow.describe(studioBefore) + " then " + XWindow.describe(studioAfter));
        }

        private static void reportCentred(String what, Rectangle2D box, Rectangle2D studio) {
            double dx = box.getMinX() + box.getWidth() / 2 - (studio.getMinX() + studio.getWidth() / 2);
            double dy = box.getMinY() + box.getHeight() / 2 - (studio.getMinY() + studio.getHeight() / 2);
            // Inside the studio too, unless larger than it (GTK's folder chooser over a small studio).
            boolean fits = box.getWidth() <= studio.getWidth() && box.getHeight() <= studio.getHeight();
            report(what + " is centred on the studio", Math.abs(dx) <= CENTRED && Math.abs(dy) <= CENTRED && (!fits || studio.contains(box)),
                    String.format("dialog %s, studio %s: centre off by %+.0f,%+.0f px", XWindow.describe(box), XWindow.describe(studio), dx, dy));
        }

        private MenuItem menuItem(String text) {
            MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
            return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                    .filter(i -> text.equals(i.getText())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no menu item " + text));
        }

        /** AWT's robot: it needs no FX thread (busy in a native dialog's loop). */
        private static void screenshotByAwt(String name) throws Exception {
            java.awt.Rectangle screen = new java.awt.Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
            ImageIO.write(new java.awt.Robot().createScreenCapture(screen), "png", out.resolve(name).toFile());
            System.out.println("WM screenshot " + out.resolve(name));
        }

        private static boolean close(Rectangle2D a, Rectangle2D b, double tolerance) {
            return Math.abs(a.getMinX() - b.getMinX()) <= tolerance && Math.abs(a.getMinY() - b.getMinY()) <= tolerance
                    && Math.abs(a.getWidth() - b.getWidth()) <= tolerance && Math.abs(a.getHeight() - b.getHeight()) <= tolerance;
        }

        private static void report(String what, boolean ok, String detail) {
            System.out.println("WM " + (ok ? "ok   " : "FAIL ") + what + " (" + detail + ")");
            failed |= !ok;
        }

        private static Rectangle2D bounds(Window window) throws Exception {
            return onFx(() -> new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight()));
        }

        private Window waitForWindow(String title) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Window found = onFx(() -> Window.getWindows().stream()
                        .filter(w -> w instanceof Stage s && s != stage && title.equals(s.getTitle()) && s.isShowing())
                        .findFirst().orElse(null));
                if (found != null) {
                    return found;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("no window titled " + title);
        }

        private void screenshot(String name) throws Exception {
            ScriptedStudio.writePng(onFx(() -> new Robot().getScreenCapture(null, Screen.getPrimary().getBounds())), out.resolve(name));
            System.out.println("WM screenshot " + out.resolve(name));
        }
    }
}
