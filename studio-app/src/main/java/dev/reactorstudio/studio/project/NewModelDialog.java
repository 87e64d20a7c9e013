package dev.reactorstudio.studio.project;

import dev.reactorstudio.studio.common.Dialogs;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks where to create a new model, its name and its language. The answer is checked as it is
 * typed (a name that is taken or not a folder name is said under the field and OK stays disabled),
 * so the dialog never closes on an answer that cannot be created.
 */
public final class NewModelDialog {

    /** The author's answer: the folder to create and the template. */
    public record Request(Path folder, ModelTemplates.Kind kind) {}

    private NewModelDialog() {
    }

    /** One line on what the chosen template creates. */
    static String about(ModelTemplates.Kind kind) {
        return switch (kind) {
            case JAVA -> "A single-source Java model, compiled when it loads.";
            case PYTHON -> "A seed-style Python model (model_NAME.py, requirements.txt), run by the Python bridge.";
            case DJL -> "A Java model that emits DJL NDArray tensors; PyTorch natives load on first use.";
        };
    }

    /** Why {@code name} in {@code parent} cannot be created; empty when it can. */
    static Optional<String> problem(String parent, String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            return Optional.of("Type a name for the model folder");
        }
        if (!trimmed.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return Optional.of("Use letters, digits, '-', '_' or '.' (it becomes the folder and model name)");
        }
        if (parent.isBlank()) {
            return Optional.of("Choose the folder to create it in");
        }
        try {
            Path folder = Path.of(parent).resolve(trimmed);
            if (Files.exists(folder)) {
                return Optional.of(folder + " already exists — choose another name");
            }
            if (Files.exists(Path.of(parent)) && !Files.isDirectory(Path.of(parent))) {
                return Optional.of(parent + " is a file, not a folder");
            }
        } catch (InvalidPathException e) {
            return Optional.of("Not a valid path: " + e.getReason());
        }
        return Optional.empty();
    }

    public static Optional<Request> ask(Window owner, Path suggestedParent) {
        Dialog<Request> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New model");
        dialog.setHeaderText("Create a model folder from a template");
        TextField parent = new TextField(suggestedParent.toString());
        parent.setId("new-model-parent");
        parent.setPrefColumnCount(32);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Where to create the model folder");
            if (Files.isDirectory(Path.of(parent.getText()))) {
                chooser.setInitialDirectory(Path.of(parent.getText()).toFile());
            }
            var chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                parent.setText(chosen.toString());
            }
        });
        TextField name = new TextField(freeName(suggestedParent));
        name.setId("new-model-name");
        ComboBox<ModelTemplates.Kind> kind = new ComboBox<>();
        kind.setId("new-model-kind");
        kind.getItems().setAll(ModelTemplates.available());
        kind.setValue(ModelTemplates.Kind.JAVA);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // labels never shrink to "…"
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields, new ColumnConstraints());
        grid.addRow(0, new Label("Create in"), parent, browse);
        grid.addRow(1, new Label("Model name"), name);
        Label problem = new Label();
        problem.setId("new-model-problem");
        problem.getStyleClass().add("field-message");
        problem.setWrapText(true);
        grid.add(problem, 1, 2, 2, 1);
        grid.addRow(3, new Label("Template"), kind);
        Label about = new Label();
        about.textProperty().bind(kind.valueProperty().map(NewModelDialog::about));
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("text-muted");
        grid.add(about, 1, 4, 2, 1);
        grid.setPrefWidth(620);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        StringBinding check = Bindings.createStringBinding(() -> problem(parent.getText(), name.getText()).orElse(""),
                parent.textProperty(), name.textProperty());
        problem.textProperty().bind(check);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(check.isNotEmpty());
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new Request(Path.of(parent.getText()).resolve(name.getText().trim()), kind.getValue()) : null);
        Dialogs.centreOn(dialog, owner);
        return dialog.showAndWait();
    }

    /** {@code my-model}, or {@code my-model-2}… when that is taken. */
    static String freeName(Path parent) {
        String name = "my-model";
        for (int i = 2; Files.exists(parent.resolve(name)); i++) {
            name = "my-model-" + i;
        }
        return name;
    }
}
