package dev.reactorstudio.studio.preview;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The Messages tool window: time, type and JSON of each message, a filter, Clear, and the selected one pretty-printed. */
public final class MessageLogView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    public MessageLogView(MessageLog log) {
        FilteredList<MessageEntry> shown = new FilteredList<>(log.entries());
        TextField filter = new TextField();
        filter.setId("message-filter");
        filter.setPromptText("Filter by type or content");
        filter.textProperty().addListener((o, a, b) -> shown.setPredicate(m -> m.matches(b)));
        CheckBox follow = new CheckBox("Follow");
        follow.setSelected(true);
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(shown).asString("%d shown"));
        Button clear = new Button("Clear");
        clear.setId("message-clear");
        clear.setOnAction(e -> log.clear());
        ListView<MessageEntry> list = new ListView<>(shown);
        list.setId("message-log");
        list.getStyleClass().add("log-console");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MessageEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : TIME.format(item.time()) + "  " + item.type() + "  " + item.compact());
            }
        });
        shown.addListener((ListChangeListener<MessageEntry>) c -> {
            if (follow.isSelected() && !shown.isEmpty()) {
                list.scrollTo(shown.size() - 1);
            }
        });
        TextArea pretty = new TextArea();
        pretty.setEditable(false);
        pretty.getStyleClass().add("code");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> pretty.setText(b == null ? "" : b.pretty()));
        SplitPane split = new SplitPane(list, pretty);
        split.setDividerPositions(0.62);
        setTop(new ToolBar(filter, follow, clear, count));
        setCenter(split);
    }
}
