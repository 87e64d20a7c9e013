package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.common.Dialogs;
import dev.reactorstudio.studio.settings.AppLog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The Help menu — Keyboard Shortcuts, Open Logs Folder, About — and the capture shortcuts
 * (Snapshot Ctrl+Shift+P, Record Ctrl+Shift+R), which press the Preview's own buttons so they do
 * exactly what a click does.
 */
final class HelpMenu {
    /** Every shortcut, as the Keyboard Shortcuts window lists it. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Run", "Ctrl+R, F5"},
            new String[] {"Stop", "Ctrl+F2, Shift+F5"},
            new String[] {"Snapshot (PNG)", "Ctrl+Shift+P"},
            new String[] {"Record / stop recording (MP4)", "Ctrl+Shift+R"},
            new String[] {"New model", "Ctrl+N"},
            new String[] {"Open model folder", "Ctrl+O"},
            new String[] {"Save / Save all", "Ctrl+S / Ctrl+Shift+S"},
            new String[] {"Validate manifest", "Ctrl+Shift+V"},
            new String[] {"Settings", "Ctrl+,"},
            new String[] {"Tool windows: Preview, Weights, Services, Messages, Problems, Log", "Alt+1 … Alt+6"},
            new String[] {"Light / dark theme", "Ctrl+Alt+T"},
            new String[] {"Keyboard shortcuts", "F1"},
            new String[] {"Exit", "Ctrl+Q"});

    private final Window owner;
    private final Consumer<String> browser;
    private final StringProperty status;

    HelpMenu(Window owner, Consumer<String> browser, StringProperty status) {
        this.owner = owner;
        this.browser = browser;
        this.status = status;
    }

    Menu menu() {
        MenuItem shortcuts = new MenuItem("Keyboard Shortcuts");
        shortcuts.setAccelerator(KeyCombination.keyCombination("F1"));
        shortcuts.setOnAction(e -> shortcuts().showAndWait());
        MenuItem logs = new MenuItem("Open Logs Folder");
        logs.setOnAction(e -> openLogs());
        MenuItem about = new MenuItem("About Reactor Studio");
        about.setOnAction(e -> AboutDialog.create(owner, logFolderText()).showAndWait());
        return new Menu("Help", null, shortcuts, logs, new SeparatorMenuItem(), about);
    }

    private static String logFolderText() {
        return AppLog.folder().map(Path::toString).orElse("not written to a file in this run");
    }

    /** Opens the folder in the file manager and names it in the status bar (where none is registered, that is the answer). */
    void openLogs() {
        var folder = AppLog.folder();
        if (folder.isEmpty()) {
            status.set("This run writes no log file (the Log tool window, Alt+6, shows the lines)");
            return;
        }
        browser.accept(folder.get().toUri().toString());
        status.set("Logs: " + folder.get().resolve("studio.log"));
    }

    Dialog<ButtonType> shortcuts() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setPadding(new Insets(12));
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label keys = new Label(SHORTCUTS.get(i)[1]);
            keys.getStyleClass().add("code");
            grid.addRow(i, new Label(SHORTCUTS.get(i)[0]), keys);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Dialogs.centreOn(dialog, owner);
        return dialog;
    }

    /** Snapshot and Record from anywhere in the window, while the Preview's buttons are enabled. */
    static void installCaptureShortcuts(Scene scene) {
        scene.getAccelerators().put(KeyCombination.keyCombination("Ctrl+Shift+P"), () -> press(scene, "#preview-snapshot"));
        scene.getAccelerators().put(KeyCombination.keyCombination("Ctrl+Shift+R"), () -> press(scene, "#preview-record"));
    }

    private static void press(Scene scene, String id) {
        Node node = scene.lookup(id);
        if (node instanceof ButtonBase button && !button.isDisabled()) {
            button.fire();
        }
    }
}
