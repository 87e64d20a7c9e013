package dev.reactorstudio.studio.services;

import ch.qos.logback.classic.Level;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/**
 * A log console over the shared log lines: only the lines of one service (by {@link LoggerScope}),
 * at or above the chosen level, optionally containing a text. Follows the tail.
 */
public final class LogConsoleView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final FilteredList<LogEntry> shown;
    private final ComboBox<String> level = new ComboBox<>();
    private final TextField contains = new TextField();
    private LoggerScope scope;

    public LogConsoleView(String id, ObservableList<LogEntry> lines, LoggerScope scope) {
        this.scope = scope;
        shown = new FilteredList<>(lines, this::accepts);
        level.getItems().addAll("DEBUG", "INFO", "WARN", "ERROR");
        level.setValue("INFO");
        level.setId(id + "-level");
        contains.setPromptText("Filter");
        level.valueProperty().addListener((o, a, b) -> refilter());
        contains.textProperty().addListener((o, a, b) -> refilter());
        ListView<LogEntry> list = new ListView<>(shown);
        list.setId(id);
        list.getStyleClass().add("log-console");
        list.setCellFactory(v -> new LogCell());
        shown.addListener((ListChangeListener<LogEntry>) c -> {
            if (!shown.isEmpty()) {
                list.scrollTo(shown.size() - 1);
            }
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> lines.clear());
        setTop(new ToolBar(new Label("Level"), level, contains, clear));
        setCenter(list);
    }

    /** Shows another service's lines. */
    public void setScope(LoggerScope scope) {
        this.scope = scope;
        refilter();
    }

    private void refilter() {
        shown.setPredicate(this::accepts);
    }

    private boolean accepts(LogEntry entry) {
        int min = Level.toLevel(level.getValue() == null ? "INFO" : level.getValue()).toInt();
        String text = contains.getText();
        return entry.level() >= min && entry.from(scope)
                && (text == null || text.isEmpty() || entry.message().contains(text) || entry.logger().contains(text));
    }

    private static final class LogCell extends ListCell<LogEntry> {
        @Override
        protected void updateItem(LogEntry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(c -> c.startsWith("log-"));
            if (empty || item == null) {
                setText(null);
                return;
            }
            String logger = item.logger().substring(item.logger().lastIndexOf('.') + 1);
            setText(TIME.format(item.time()) + "  " + item.levelName() + "  " + logger + " — " + item.message());
            getStyleClass().add("log-" + item.levelName().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
