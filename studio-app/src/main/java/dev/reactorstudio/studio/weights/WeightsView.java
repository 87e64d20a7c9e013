package dev.reactorstudio.studio.weights;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.TaskProgressView;

/**
 * The Weights tool window: the table of weights with status, size and progress, the running
 * downloads (ControlsFX TaskProgressView, with cancel), an overall bar, and the registry settings.
 */
public final class WeightsView extends BorderPane {

    public WeightsView(WeightsController controller) {
        TableView<WeightRow> table = new TableView<>(controller.rows());
        table.setId("weights-table");
        table.setPlaceholder(new Label("This model lists no weights"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(text("Weight", r -> new ReadOnlyStringWrapper(r.name())));
        TableColumn<WeightRow, String> status = text("Status", r -> r.state().asString().map(s -> r.state().get().words()));
        table.getColumns().add(status);
        table.getColumns().add(text("Size", r -> r.bytes().asString().map(s -> Sizes.human(r.bytes().get()))));
        TableColumn<WeightRow, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> c.getValue().progress().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        table.getColumns().add(progress);
        table.getColumns().add(text("Detail", WeightRow::detail));

        Button download = new Button("Download");
        download.setId("weights-download");
        download.setOnAction(e -> {
            WeightRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                controller.download(row.name());
            }
        });
        // A partial weight continues from its .part files: say so on the button.
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> download.textProperty().bind(row == null
                ? new ReadOnlyStringWrapper("Download")
                : row.state().map(state -> state == WeightState.PARTIAL ? "Resume" : "Download")));
        Button cancel = new Button("Cancel");
        cancel.setId("weights-cancel");
        cancel.setTooltip(new Tooltip("Stops the download; the partial files stay, and Download resumes from them"));
        cancel.setOnAction(e -> {
            WeightRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                controller.cancel(row.name());
            }
        });
        Button pull = new Button("Pull all");
        pull.setId("weights-pull");
        pull.setOnAction(e -> controller.pullAll());
        Button rescan = new Button("Rescan");
        rescan.setId("weights-rescan");
        rescan.setOnAction(e -> controller.rescan());
        // With no registry there is nothing to download from: the buttons say so, and the message
        // below points at the Registry settings fields (not at command-line flags).
        javafx.beans.binding.BooleanBinding noRegistry = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !controller.canDownload() || blank(controller.settings().location().get()), controller.settings().location());
        Tooltip why = new Tooltip(controller.canDownload()
                ? "Set the registry (s3://bucket/prefix) under Registry settings below first"
                : "This studio was started without the weights registry. "
                        + "Put weights in the model folder's weights/NAME or set REACTOR_WEIGHTS_NAME.");
        for (Button b : new Button[] {download, pull}) {
            b.disableProperty().bind(noRegistry);
            b.tooltipProperty().bind(javafx.beans.binding.Bindings.when(noRegistry).then(why).otherwise((Tooltip) null));
        }
        cancel.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(controller.tasks()));
        ProgressBar overall = new ProgressBar();
        overall.setId("weights-overall");
        overall.progressProperty().bind(controller.overall());
        overall.setPrefWidth(160);
        Label message = new Label("No registry set — enter s3://bucket/prefix in Registry settings below (and the "
                + "endpoint for an S3-compatible store) to download weights.");
        message.setId("weights-message");
        message.setWrapText(true);
        message.getStyleClass().add("field-message");
        message.setPadding(new Insets(4, 8, 4, 8));
        message.managedProperty().bind(noRegistry.and(javafx.beans.binding.Bindings.isNotEmpty(controller.rows())));
        message.visibleProperty().bind(message.managedProperty());
        setTop(new VBox(new ToolBar(download, cancel, pull, rescan, new Label("Overall"), overall), message));

        TaskProgressView<javafx.concurrent.Task<?>> running = new TaskProgressView<>();
        javafx.collections.ObservableList<javafx.concurrent.Task<?>> shown = running.getTasks();
        javafx.beans.binding.Bindings.bindContent(shown, controller.tasks());
        running.setPrefHeight(140);
        SplitPane center = new SplitPane(table, running);
        center.setOrientation(javafx.geometry.Orientation.VERTICAL);
        center.setDividerPositions(0.65);
        setCenter(center);
        TitledPane settingsPane = settings(controller.settings());
        noRegistry.addListener((o, a, none) -> {
            if (none) {
                settingsPane.setExpanded(true);
            }
        });
        setBottom(settingsPane);
    }

    private static TitledPane settings(RegistrySettings settings) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        grid.addRow(0, new Label("Registry"), field("registry-location", "s3://bucket/prefix", settings.location()));
        grid.addRow(1, new Label("Endpoint"), field("registry-endpoint", "https://… (S3-compatible stores)", settings.endpoint()));
        grid.addRow(2, new Label("Profile"), field("registry-profile", "AWS profile (default chain when empty)", settings.profile()));
        TitledPane pane = new TitledPane("Registry settings", new VBox(grid));
        pane.setId("registry-settings");
        // Open when there is nothing to download from yet, so the author sees where it goes.
        pane.setExpanded(settings.location().get() == null || settings.location().get().isBlank());
        return pane;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty target) {
        TextField field = new TextField(target.get());
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().addListener((o, a, b) -> target.set(b));
        GridPane.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static TableColumn<WeightRow, String> text(String title, Function<WeightRow, ObservableValue<String>> value) {
        TableColumn<WeightRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        return column;
    }
}
