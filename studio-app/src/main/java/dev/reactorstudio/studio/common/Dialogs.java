package dev.reactorstudio.studio.common;

import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * Dialogs open centred on the studio window. JavaFX centres an owned dialog itself only where the
 * window manager cooperates; under some (and before the owner has been placed) it lands in a
 * screen corner, so the position is set explicitly once the dialog knows its size.
 */
public final class Dialogs {
    private Dialogs() {
    }

    public static void centreOn(Dialog<?> dialog, Window owner) {
        if (owner == null) {
            return;
        }
        dialog.setOnShown(e -> {
            Window window = dialog.getDialogPane().getScene().getWindow();
            double x = owner.getX() + (owner.getWidth() - window.getWidth()) / 2;
            double y = owner.getY() + (owner.getHeight() - window.getHeight()) / 3;
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                window.setX(Math.max(owner.getX(), x));
                window.setY(Math.max(owner.getY(), y));
            }
        });
    }
}
