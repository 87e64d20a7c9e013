package dev.reactorstudio.studio.common;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Parent;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Dialogs open centred on the studio window and leave its size alone. JavaFX centres an owned
 * dialog itself only before it is shown; the window manager then places the mapped window and GTK
 * may report a provisional size first (a 200×200 window), so a dialog could end up in the screen
 * corner or off-centre by half its width (scripts/studio-wm-check.sh saw both under openbox). So
 * the dialog is centred again whenever its place or size changes while it settles, and left alone
 * after that (the user may move it). And a modal dialog makes JavaFX (GTK) pin its owner's size
 * while it is blocked, which a window manager such as openbox answers by un-maximizing the studio:
 * these dialogs are modeless for the window system, modal for the user — the owner's content is
 * disabled while one is open ({@code showAndWait} still waits).
 */
public final class Dialogs {
    /** How long after it is shown a dialog is kept centred: the window manager has placed it by then. */
    static final Duration SETTLING = Duration.millis(1500);

    private Dialogs() {
    }

    /** Call before the dialog is shown. */
    public static void centreOn(Dialog<?> dialog, Window owner) {
        if (owner == null) {
            return;
        }
        dialog.initModality(Modality.NONE);
        Parent content = owner.getScene() == null ? null : owner.getScene().getRoot();
        boolean wasDisabled = content != null && content.isDisable();
        dialog.setOnShown(e -> {
            if (content != null) {
                content.setDisable(true);
            }
            keepCentred(dialog.getDialogPane().getScene().getWindow(), owner);
        });
        dialog.setOnHidden(e -> {
            if (content != null) {
                content.setDisable(wasDisabled);
            }
        });
    }

    /**
     * Centres {@code window} on {@code owner} once it is shown and after every move or resize during
     * {@link #SETTLING} from then. (A dialog's "shown" event comes before its window is, for
     * {@code showAndWait}: the settling starts with the window's own.)
     */
    private static void keepCentred(Window window, Window owner) {
        new Centring(window, owner).start();
    }

    /** One dialog's settling: listens to its place and size, re-centres once per change batch, then lets go. */
    private static final class Centring {
        private final Window window;
        private final Window owner;
        private final PauseTransition settling = new PauseTransition(SETTLING);
        // A change listener, not an invalidation listener: those fall silent until someone reads the value.
        private final ChangeListener<Number> moved = (o, was, now) -> centreLater();
        private final EventHandler<WindowEvent> shown = e -> settle();
        private final EventHandler<WindowEvent> hidden = e -> stop();
        private boolean queued;

        Centring(Window window, Window owner) {
            this.window = window;
            this.owner = owner;
            settling.setOnFinished(e -> stop());
        }

        void start() {
            window.xProperty().addListener(moved);
            window.yProperty().addListener(moved);
            window.widthProperty().addListener(moved);
            window.heightProperty().addListener(moved);
            window.addEventHandler(WindowEvent.WINDOW_HIDDEN, hidden);
            if (window.isShowing()) {
                settle();
            } else {
                window.addEventHandler(WindowEvent.WINDOW_SHOWN, shown);
            }
        }

        private void settle() {
            window.removeEventHandler(WindowEvent.WINDOW_SHOWN, shown);
            centre(window, owner);
            settling.playFromStart();
        }

        /** Once per batch of changes, and not from inside the property's own change. */
        private void centreLater() {
            if (!queued) {
                queued = true;
                Platform.runLater(() -> {
                    queued = false;
                    centre(window, owner);
                });
            }
        }

        private void stop() {
            settling.stop();
            window.xProperty().removeListener(moved);
            window.yProperty().removeListener(moved);
            window.widthProperty().removeListener(moved);
            window.heightProperty().removeListener(moved);
            window.removeEventHandler(WindowEvent.WINDOW_SHOWN, shown);
            window.removeEventHandler(WindowEvent.WINDOW_HIDDEN, hidden);
        }
    }

    /** Centred on the owner; a dialog larger than the owner keeps the owner's top-left corner on screen. */
    private static void centre(Window window, Window owner) {
        if (!window.isShowing() || Double.isNaN(window.getWidth()) || Double.isNaN(owner.getX())) {
            return;
        }
        window.setX(Math.max(owner.getX(), owner.getX() + (owner.getWidth() - window.getWidth()) / 2));
        window.setY(Math.max(owner.getY(), owner.getY() + (owner.getHeight() - window.getHeight()) / 2));
    }

    /**
     * The owner to give a native (GTK) file or folder chooser: the studio, unless it is maximized —
     * JavaFX pins a blocked owner's size, which un-maximizes it under openbox; a maximized studio's
     * centre is the screen's, where an unowned chooser opens anyway.
     */
    public static Window chooserOwner(Window owner) {
        return owner instanceof javafx.stage.Stage stage && stage.isMaximized() ? null : owner;
    }
}
