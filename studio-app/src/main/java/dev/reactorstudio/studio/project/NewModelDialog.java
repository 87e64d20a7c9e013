package dev.reactorstudio.studio.project;

import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Asks where to create a new model, its name and its language. */
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

    public static Optional<Request> ask(Window owner, Path suggestedParent) {
        Dialog<Request> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New model");
        TextField parent = new TextField(suggestedParent.toString());
        parent.setPrefColumnCount(30);
        Button browse = new Button("…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Where to create the model folder");
            var chosen = chooser.showDialog(owner);
            if (chosen != null) {
                parent.setText(chosen.toString());
            }
        });
        TextField name = new TextField("my-model");
        ComboBox<ModelTemplates.Kind> kind = new ComboBox<>();
        kind.getItems().setAll(ModelTemplates.available());
        kind.setValue(ModelTemplates.Kind.JAVA);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Parent folder"), parent, browse);
        grid.addRow(1, new Label("Model name"), name);
        grid.addRow(2, new Label("Language"), kind);
        Label about = new Label();
        about.textProperty().bind(kind.valueProperty().map(NewModelDialog::about));
        about.setWrapText(true);
        about.setMaxWidth(360);
        grid.add(about, 1, 3);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(name.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new Request(Path.of(parent.getText()).resolve(name.getText().trim()), kind.getValue()) : null);
        return dialog.showAndWait();
    }
}
