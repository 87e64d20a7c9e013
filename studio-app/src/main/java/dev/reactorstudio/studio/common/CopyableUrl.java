package dev.reactorstudio.studio.common;

import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A read-only URL with a Copy button, so the author can paste it into a client or curl. */
public final class CopyableUrl extends HBox {
    private final TextField text = new TextField();

    public CopyableUrl(String id) {
        super(4);
        text.setEditable(false);
        text.setId(id);
        text.setPrefColumnCount(22);
        Button copy = new Button("Copy");
        copy.setMinWidth(USE_PREF_SIZE);
        copy.setTooltip(new Tooltip("Copy the URL to the clipboard"));
        copy.disableProperty().bind(text.textProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(text, copy);
    }

    public void setUrl(String url) {
        text.setText(url == null ? "" : url);
    }

    public String url() {
        return text.getText();
    }
}
