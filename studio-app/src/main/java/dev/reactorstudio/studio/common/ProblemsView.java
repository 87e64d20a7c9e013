package dev.reactorstudio.studio.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The Problems tool window: one row per problem; double-click jumps to it. */
public final class ProblemsView extends BorderPane {

    public ProblemsView(ProblemList problems, Consumer<Problem> goTo) {
        TableView<Problem> table = new TableView<>(problems.all());
        table.setId("problems-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No problems"));
        TableColumn<Problem, String> severity = column("", p -> p.severity() == Problem.Severity.ERROR ? "✖" : "⚠");
        severity.setMaxWidth(30);
        severity.setMinWidth(30);
        TableColumn<Problem, String> where = column("Where", Problem::where);
        where.setPrefWidth(220);
        where.setMaxWidth(400);
        table.getColumns().add(severity);
        table.getColumns().add(where);
        table.getColumns().add(column("Problem", Problem::message));
        table.setRowFactory(t -> {
            TableRow<Problem> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    goTo.accept(row.getItem());
                }
            });
            return row;
        });
        setCenter(table);
    }

    private static TableColumn<Problem, String> column(String title, java.util.function.Function<Problem, String> value) {
        TableColumn<Problem, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setSortable(false);
        return column;
    }
}
