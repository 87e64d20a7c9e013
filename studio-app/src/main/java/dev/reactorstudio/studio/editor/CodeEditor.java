package dev.reactorstudio.studio.editor;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * A code editor: line numbers, highlighting refreshed after a short pause in typing (not per key,
 * so large pastes stay responsive), and error markers — a red gutter mark with the message as a
 * tooltip and a tinted line — for compile errors and manifest problems.
 */
public final class CodeEditor extends StackPane {
    private final CodeArea area = new CodeArea();
    private final Language language;
    private final PauseTransition rehighlight = new PauseTransition(Duration.millis(120));
    private final Map<Integer, String> errors = new TreeMap<>();

    public CodeEditor(Language language) {
        this.language = language;
        area.getStyleClass().add("code-editor");
        area.setParagraphGraphicFactory(gutter());
        rehighlight.setOnFinished(e -> highlightNow());
        area.textProperty().addListener((o, a, b) -> rehighlight.playFromStart());
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    public CodeArea area() {
        return area;
    }

    public String text() {
        return area.getText();
    }

    /** Replaces the whole text; keeps the caret near where it was so a sync from the form does not jump. */
    public void setText(String text) {
        if (text.equals(area.getText())) {
            return;
        }
        int caret = Math.min(area.getCaretPosition(), text.length());
        area.replaceText(text);
        area.moveTo(caret);
        highlightNow();
    }

    /** Caret and view at the first line. */
    public void showTop() {
        area.moveTo(0);
        area.showParagraphAtTop(0);
    }

    /** Marks lines (1-based) with a message each; an empty map clears the marks. */
    public void showErrors(Map<Integer, String> byLine) {
        for (Integer line : errors.keySet()) {
            if (line - 1 < area.getParagraphs().size()) {
                area.setParagraphStyle(line - 1, java.util.List.of());
            }
        }
        errors.clear();
        errors.putAll(byLine);
        for (Map.Entry<Integer, String> e : errors.entrySet()) {
            if (e.getKey() >= 1 && e.getKey() - 1 < area.getParagraphs().size()) {
                area.setParagraphStyle(e.getKey() - 1, java.util.List.of("error-line"));
            }
        }
        area.setParagraphGraphicFactory(gutter()); // the factory is only asked again when replaced
    }

    public Map<Integer, String> errors() {
        return Map.copyOf(errors);
    }

    /** Moves the caret to the start of a 1-based line and scrolls it into view. */
    public void goToLine(int line) {
        int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
        area.moveTo(paragraph, 0);
        area.requestFollowCaret();
        area.requestFocus();
    }

    private void highlightNow() {
        if (!area.getText().isEmpty()) {
            area.setStyleSpans(0, SyntaxHighlighter.highlight(area.getText(), language));
        }
    }

    private IntFunction<Node> gutter() {
        IntFunction<Node> numbers = LineNumberFactory.get(area);
        return paragraph -> {
            Label mark = new Label(" ");
            mark.setMinWidth(12);
            String message = errors.get(paragraph + 1);
            if (message != null) {
                mark.setText("●");
                mark.getStyleClass().add("error-mark");
                mark.setTooltip(new Tooltip(message));
            }
            HBox box = new HBox(numbers.apply(paragraph), mark);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        };
    }
}
