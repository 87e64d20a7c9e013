package dev.reactorstudio.studio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.ManifestProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The manifest as a form: runtime version, class (with the classes found in the folder), name,
 * version, args and weights. Every edit goes straight to the {@link ManifestDocument}; when the
 * document changes from the source side only fields whose value differs are refilled, so typing
 * here is never disturbed. Problems mark their field red with the message under it.
 */
final class ManifestForm extends GridPane {
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final List<String> TEXT_KEYS = List.of("reactor-runtime", "class", "model_name", "model_version");

    private final ManifestDocument document;
    private final Map<String, TextInputControl> texts = new LinkedHashMap<>();
    private final Map<String, Label> messages = new LinkedHashMap<>();
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final ComboBox<String> classPicker = new ComboBox<>();
    private final ArgsTable args;
    private final ListView<String> weights = new ListView<>();
    private boolean filling;

    ManifestForm(ManifestDocument document) {
        this.document = document;
        setHgap(10);
        setVgap(4);
        setPadding(new Insets(12));
        getStyleClass().add("manifest-form");
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labels, fields);
        TextField runtime = new TextField();
        addText(0, "reactor-runtime", "Runtime version", runtime, runtime, "The runtime version the model needs (semver, same major as this runtime)");
        classPicker.setEditable(true);
        classPicker.setMaxWidth(Double.MAX_VALUE);
        classPicker.getItems().setAll(ClassFinder.find(document.folder()));
        classPicker.setOnShowing(e -> classPicker.getItems().setAll(ClassFinder.find(document.folder())));
        classPicker.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(classPicker.getEditor().getText())) {
                classPicker.getEditor().setText(b);
            }
        });
        addText(2, "class", "Class", classPicker.getEditor(), classPicker, "file:ClassName — the model file in this folder and its class");
        TextField name = new TextField();
        addText(4, "model_name", "Name", name, name, "Lowercase letters, digits, - and _");
        TextField version = new TextField();
        addText(6, "model_version", "Version", version, version, "The model's own version (semver, e.g. 1.0.0)");
        args = new ArgsTable(node -> document.edit(root -> root.set("args", node)));
        addBlock(8, "args", "Args", args);
        addBlock(10, "weights", "Weights", weightsEditor());
        document.tree().addListener((o, a, b) -> fill(b));
        document.check().addListener((o, a, b) -> showProblems(b.problems()));
        fill(document.tree().get());
        showProblems(document.check().get().problems());
    }

    /** A text-valued key: {@code field} holds the text, {@code shown} is what sits in the form (the field, or the combo around it). */
    private void addText(int row, String key, String title, TextInputControl field, Control shown, String help) {
        field.setId("field-" + key);
        shown.setTooltip(new Tooltip(help));
        field.textProperty().addListener((o, a, b) -> {
            if (!filling) {
                document.edit(root -> root.put(key, b));
            }
        });
        texts.put(key, field);
        controls.put(key, shown);
        add(new Label(title), 0, row);
        add(shown, 1, row);
        GridPane.setHgrow(shown, Priority.ALWAYS);
        addMessage(row + 1, key);
    }

    private void addBlock(int row, String key, String title, Node block) {
        Label label = new Label(title);
        add(label, 0, row);
        add(block, 1, row);
        GridPane.setHgrow(block, Priority.ALWAYS);
        if (!"args".equals(key)) {
            addMessage(row + 1, key);
        }
    }

    private void addMessage(int row, String key) {
        Label message = new Label();
        message.setId("error-" + key);
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        add(message, 1, row);
        messages.put(key, message);
    }

    private Node weightsEditor() {
        weights.setId("field-weights");
        weights.setEditable(true);
        weights.setPrefHeight(110);
        weights.setCellFactory(TextFieldListCell.forListView());
        weights.setOnEditCommit(e -> {
            List<String> names = new ArrayList<>(weights.getItems());
            names.set(e.getIndex(), e.getNewValue().trim());
            commitWeights(names);
        });
        Button add = new Button("Add");
        add.setOnAction(e -> {
            List<String> names = new ArrayList<>(weights.getItems());
            names.add("NewWeight");
            commitWeights(names);
        });
        Button remove = new Button("Remove");
        remove.disableProperty().bind(weights.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            List<String> names = new ArrayList<>(weights.getItems());
            names.remove(weights.getSelectionModel().getSelectedIndex());
            commitWeights(names);
        });
        controls.put("weights", weights);
        return new VBox(4, weights, new HBox(6, add, remove));
    }

    private void commitWeights(List<String> names) {
        document.edit(root -> {
            ArrayNode array = root.putArray("weights");
            names.forEach(array::add);
        });
    }

    private void fill(ObjectNode root) {
        filling = true;
        try {
            for (String key : TEXT_KEYS) {
                JsonNode value = root.get(key);
                String text = value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
                TextInputControl field = texts.get(key);
                if (!text.equals(field.getText())) {
                    field.setText(text);
                }
            }
            args.show(root.get("args"));
            List<String> names = new ArrayList<>();
            JsonNode list = root.get("weights");
            if (list != null && list.isArray()) {
                list.forEach(n -> names.add(n.asText()));
            }
            if (!names.equals(weights.getItems())) {
                weights.getItems().setAll(names);
            }
        } finally {
            filling = false;
        }
    }

    /** Marks each field that has a problem; problems of the whole file show under the first field. */
    void showProblems(List<ManifestProblem> problems) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        java.util.Set<String> ownProblems = new java.util.HashSet<>();
        List<String> argProblems = new ArrayList<>();
        for (ManifestProblem p : problems) {
            String key = topKey(p.path());
            if ("args".equals(key)) {
                argProblems.add(p.toString());
            } else {
                byKey.computeIfAbsent(messages.containsKey(key) ? key : "reactor-runtime", k -> new ArrayList<>()).add(
                        messages.containsKey(key) ? p.message() : p.toString());
                if (messages.containsKey(key)) {
                    ownProblems.add(key);
                }
            }
        }
        messages.forEach((key, label) -> {
            List<String> list = byKey.getOrDefault(key, List.of());
            label.setText(String.join("\n", list));
            Control control = controls.get(key);
            if (control != null) {
                // A problem of the whole file (a syntax error at its line) shows here but marks no field.
                control.pseudoClassStateChanged(ERROR, ownProblems.contains(key));
            }
        });
        args.showProblems(argProblems);
    }

    /** Focuses the field a problem path points at ({@code args.fps} → the args table). */
    void focus(String path) {
        Control control = controls.get(topKey(path));
        if (control != null) {
            control.requestFocus();
        }
    }

    static String topKey(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }
}
