package dev.reactorstudio.studio.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A tab editing a model source file (or any text file of the project) as text. */
public final class SourceEditorTab extends EditorTab {
    private final CodeEditor editor;
    private String saved;

    public SourceEditorTab(Path file) throws IOException {
        super(file);
        editor = new CodeEditor(Language.of(file));
        saved = Files.readString(file, StandardCharsets.UTF_8);
        editor.setText(saved);
        editor.area().getUndoManager().forgetHistory();
        editor.showTop(); // a file opens at its first line, not where loading the text left the caret
        editor.area().textProperty().addListener((o, a, b) -> dirty().set(!b.equals(saved)));
        setContent(editor);
    }

    public CodeEditor editor() {
        return editor;
    }

    @Override
    public void save() throws IOException {
        String text = editor.text();
        Files.writeString(file(), text, StandardCharsets.UTF_8);
        saved = text;
        dirty().set(false);
    }

    @Override
    public void goTo(int line, String location) {
        getTabPane().getSelectionModel().select(this);
        editor.goToLine(line);
    }

    /** Compile errors by 1-based line. */
    public void showErrors(Map<Integer, String> byLine) {
        editor.showErrors(byLine);
    }
}
