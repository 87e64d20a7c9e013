package dev.reactorstudio.studio.common;

import javafx.scene.Parent;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Dialogs open centred on the studio window and leave its size alone. JavaFX centres an owned
 * dialog itself only where the window manager cooperates; under some (and before the owner has been
 * placed) it lands in a screen corner, so the position is set explicitly once the dialog knows its
 * size. And a modal dialog makes JavaFX (GTK) pin its owner's size while it is blocked, which a
 * window manager such as openbox answers by un-maximizing the studio: these dialogs are modeless
 * for the window system, modal for the user — the owner's content is disabled while one is open
 * ({@code showAndWait} still waits).
 */
public final class Dialogs {
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
            Window window = dialog.getDialogPane().getScene().getWindow();
            centre(window, owner);
            // A window manager places a newly mapped window after JavaFX's "shown": asked again once it has.
            javafx.application.Platform.runLater(() -> javafx.application.Platform.runLater(() -> centre(window, owner)));
        });
        dialog.setOnHidden(e -> {
            if (content != null) {
                content.setDisable(wasDisabled);
            }
        });
    }

    private static void centre(Window window, Window owner) {
        double x = owner.getX() + (owner.getWidth() - window.getWidth()) / 2;
        double y = owner.getY() + (owner.getHeight() - window.getHeight()) / 3;
        if (window.isShowing() && !Double.isNaN(x) && !Double.isNaN(y)) {
            window.setX(Math.max(owner.getX(), x));
            window.setY(Math.max(owner.getY(), y));
        }
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
