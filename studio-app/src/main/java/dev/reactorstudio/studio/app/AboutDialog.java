package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.common.Dialogs;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help › About: the versions of the studio and what it runs on, with Copy for a bug report. */
final class AboutDialog {
    private AboutDialog() {
    }

    static Dialog<ButtonType> create(Window owner, String logFolder) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("About Reactor Studio");
        dialog.setHeaderText("Reactor Studio — an IDE and runtime for real-time generative video models");
        GridPane grid = new GridPane();
        grid.setId("about-versions");
        grid.setHgap(12);
        grid.setVgap(4);
        grid.setPadding(new Insets(12));
        int[] row = {0};
        Versions.all().forEach((name, version) -> {
            Label value = new Label(version);
            value.setId("about-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            grid.addRow(row[0]++, new Label(name), value);
        });
        grid.addRow(row[0], new Label("Logs"), new Label(logFolder));
        dialog.getDialogPane().setContent(grid);
        ButtonType copy = new ButtonType("Copy", ButtonBar.ButtonData.LEFT);
        dialog.getDialogPane().getButtonTypes().addAll(copy, ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(Versions.text());
            Clipboard.getSystemClipboard().setContent(content);
            e.consume(); // stay open
        });
        Dialogs.centreOn(dialog, owner);
        return dialog;
    }
}
