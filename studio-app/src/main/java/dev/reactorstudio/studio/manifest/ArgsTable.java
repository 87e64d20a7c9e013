package dev.reactorstudio.studio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The manifest's {@code args} as an editable typed table. A committed cell rebuilds the whole args
 * object in row order; a value that does not fit its type is refused with an inline message and
 * never reaches the manifest.
 */
final class ArgsTable extends VBox {
    private final TableView<ArgRow> table = new TableView<>();
    private final Label message = new Label();
    private final Consumer<ObjectNode> onEdit;

    ArgsTable(Consumer<ObjectNode> onEdit) {
        super(4);
        this.onEdit = onEdit;
        table.setId("field-args");
        table.setEditable(true);
        table.setPrefHeight(170);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No args — the constructor gets an empty object"));
        TableColumn<ArgRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setOnEditCommit(e -> replace(e.getTablePosition().getRow(), new ArgRow(e.getNewValue().trim(), e.getRowValue().type(), e.getRowValue().value())));
        TableColumn<ArgRow, ArgType> type = new TableColumn<>("Type");
        type.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().type()));
        type.setCellFactory(ComboBoxTableCell.forTableColumn(ArgType.values()));
        type.setOnEditCommit(e -> replace(e.getTablePosition().getRow(), new ArgRow(e.getRowValue().name(), e.getNewValue(), e.getRowValue().value())));
        TableColumn<ArgRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> replace(e.getTablePosition().getRow(), new ArgRow(e.getRowValue().name(), e.getRowValue().type(), e.getNewValue())));
        table.getColumns().add(name);
        table.getColumns().add(type);
        table.getColumns().add(value);
        // Names and types are short: their columns are as wide as their longest entry (never "s…"),
        // and the value column takes the rest.
        table.getItems().addListener((javafx.collections.ListChangeListener<ArgRow>) c -> fitColumns(name, type));
        fitColumns(name, type);
        Button add = new Button("Add");
        add.setOnAction(e -> addRow());
        Button remove = new Button("Remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            List<ArgRow> rows = new ArrayList<>(table.getItems());
            rows.remove(table.getSelectionModel().getSelectedIndex());
            commit(rows);
        });
        message.getStyleClass().add("field-message");
        message.setId("error-args");
        getChildren().addAll(table, new HBox(6, add, remove), message);
    }

    /** Shows the manifest's args unless they already match what the table holds. */
    void show(JsonNode args) {
        List<ArgRow> rows = new ArrayList<>();
        if (args != null && args.isObject()) {
            for (Map.Entry<String, JsonNode> field : args.properties()) {
                rows.add(ArgRow.of(field.getKey(), field.getValue()));
            }
        }
        Optional<ObjectNode> current = toJson(table.getItems());
        if (current.isEmpty() || !current.get().equals(args)) {
            table.getItems().setAll(rows);
        }
    }

    private void fitColumns(TableColumn<ArgRow, String> name, TableColumn<ArgRow, ArgType> type) {
        double nameWidth = textWidth(name.getText());
        double typeWidth = textWidth(type.getText());
        for (ArgRow row : table.getItems()) {
            nameWidth = Math.max(nameWidth, textWidth(row.name()));
        }
        for (ArgType t : ArgType.values()) {
            typeWidth = Math.max(typeWidth, textWidth(t.toString()));
        }
        // Cell padding and, for the type, the combo box's arrow while editing.
        name.setMinWidth(Math.min(260, nameWidth + 28));
        name.setPrefWidth(name.getMinWidth());
        type.setMinWidth(typeWidth + 48);
        type.setPrefWidth(type.getMinWidth());
        type.setMaxWidth(type.getMinWidth() + 20);
    }

    private static double textWidth(String text) {
        javafx.scene.text.Text measure = new javafx.scene.text.Text(text);
        measure.setFont(javafx.scene.text.Font.getDefault());
        return measure.getLayoutBounds().getWidth() * 1.1; // bold headers and theme fonts run a little wider
    }

    void showProblems(List<String> problems) {
        setError(problems.isEmpty() ? null : String.join("\n", problems));
    }

    TableView<ArgRow> table() {
        return table;
    }

    private void addRow() {
        List<ArgRow> rows = new ArrayList<>(table.getItems());
        rows.add(new ArgRow(uniqueName(rows), ArgType.STRING, ""));
        commit(rows);
    }

    private static String uniqueName(List<ArgRow> rows) {
        String name = "new_arg";
        for (int i = 2; contains(rows, name); i++) {
            name = "new_arg" + i;
        }
        return name;
    }

    private static boolean contains(List<ArgRow> rows, String name) {
        return rows.stream().anyMatch(r -> r.name().equals(name));
    }

    private void replace(int index, ArgRow row) {
        List<ArgRow> rows = new ArrayList<>(table.getItems());
        rows.set(index, row);
        commit(rows);
    }

    private void commit(List<ArgRow> rows) {
        table.getItems().setAll(rows);
        for (ArgRow row : rows) {
            if (row.name().isEmpty()) {
                setError("every arg needs a name");
                return;
            }
            if (row.type().parse(row.value()).isEmpty()) {
                setError("args." + row.name() + ": \"" + row.value() + "\" is not " + row.type().expected());
                return;
            }
        }
        setError(null);
        toJson(rows).ifPresent(onEdit);
    }

    private static Optional<ObjectNode> toJson(List<ArgRow> rows) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        for (ArgRow row : rows) {
            Optional<JsonNode> value = row.type().parse(row.value());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            args.set(row.name(), value.get());
        }
        return Optional.of(args);
    }

    private void setError(String text) {
        message.setText(text == null ? "" : text);
        table.pseudoClassStateChanged(ManifestForm.ERROR, text != null);
    }
}
