package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.services.ServiceEndpoint;
import dev.reactorstudio.studio.weights.RegistrySettings;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * File › Settings: the weights registry, the default service ports and the theme — the same
 * values the Weights and Services views edit, so a change here shows there and is remembered.
 * Changes apply as they are typed (no Apply step to forget); ports take effect on the next Run.
 */
final class SettingsDialog {
    private SettingsDialog() {
    }

    static void show(Window owner, RegistrySettings registry, List<ServiceEndpoint> ports, Theme.Switcher theme,
                     String settingsFile, boolean portsEditable) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Settings");
        dialog.setHeaderText("Remembered in " + settingsFile);
        GridPane grid = new GridPane();
        grid.setId("settings-grid");
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(320, 420, Double.MAX_VALUE, Priority.ALWAYS, null, true));
        int row = 0;
        grid.add(section("Weights registry"), 0, row++, 2, 1);
        row = field(grid, row, "settings-registry", "Registry", registry.location(), "s3://bucket/prefix");
        row = field(grid, row, "settings-endpoint", "Endpoint", registry.endpoint(), "https://… (S3-compatible stores; blank = AWS)");
        row = field(grid, row, "settings-profile", "AWS profile", registry.profile(), "blank = default credentials");
        grid.add(section("Service ports (0 = any free port; used by the next Run)"), 0, row++, 2, 1);
        for (ServiceEndpoint endpoint : ports) {
            TextField port = new TextField(Integer.toString(endpoint.requestedPort().get()));
            port.setId("settings-port-" + endpoint.id());
            port.setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
            port.textProperty().addListener((o, a, b) -> {
                int value = b.isEmpty() ? 0 : Integer.parseInt(b);
                if (value <= 65535) {
                    endpoint.requestedPort().set(value);
                }
            });
            port.setDisable(!portsEditable);
            if (!portsEditable) {
                port.setTooltip(new Tooltip("Stop the services to change their ports"));
            }
            grid.addRow(row++, new Label(endpoint.title()), port);
        }
        grid.add(section("Appearance"), 0, row++, 2, 1);
        ComboBox<Theme> themes = new ComboBox<>();
        themes.setId("settings-theme");
        themes.getItems().setAll(Theme.values());
        themes.valueProperty().bindBidirectional(theme.current());
        grid.addRow(row, new Label("Theme"), themes);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dev.reactorstudio.studio.common.Dialogs.centreOn(dialog, owner);
        dialog.showAndWait();
        themes.valueProperty().unbindBidirectional(theme.current());
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-bold");
        label.setPadding(new Insets(6, 0, 0, 0));
        return label;
    }

    private static int field(GridPane grid, int row, String id, String label, javafx.beans.property.StringProperty value,
                             String prompt) {
        TextField field = new TextField(value.get());
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().addListener((o, a, b) -> value.set(b));
        grid.addRow(row, new Label(label), field);
        return row + 1;
    }
}
