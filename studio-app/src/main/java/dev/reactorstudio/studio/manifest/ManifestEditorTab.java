package dev.reactorstudio.studio.manifest;

import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestProblem;
import dev.reactorstudio.studio.editor.CodeEditor;
import dev.reactorstudio.studio.editor.EditorTab;
import dev.reactorstudio.studio.editor.Language;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;

/**
 * The manifest tab: the form and the JSON source side by side over one {@link ManifestDocument}.
 * Source edits go to the document as typed; form edits come back as rewritten text. Each change is
 * validated and the problems are reported to {@code onCheck} (the Problems list) as well as marked
 * in the form and in the source gutter.
 */
public final class ManifestEditorTab extends EditorTab {
    private final ManifestDocument document;
    private final ManifestForm form;
    private final CodeEditor source = new CodeEditor(Language.JSON);

    public ManifestEditorTab(ManifestDocument document, Consumer<ManifestCheck> onCheck) {
        super(document.file());
        this.document = document;
        this.form = new ManifestForm(document);
        source.setId("manifest-source");
        source.setText(document.text().get());
        source.area().getUndoManager().forgetHistory();
        source.area().textProperty().addListener((o, a, b) -> document.setText(b));
        document.text().addListener((o, a, b) -> source.setText(b));
        document.dirty().addListener((o, a, b) -> dirty().set(b));
        document.check().addListener((o, a, b) -> report(b, onCheck));
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(formScroll, source);
        split.setDividerPositions(0.5);
        setContent(split);
        report(document.check().get(), onCheck);
    }

    private void report(ManifestCheck check, Consumer<ManifestCheck> onCheck) {
        Map<Integer, String> byLine = new TreeMap<>();
        for (ManifestProblem p : check.problems()) {
            if (p.hasPosition()) {
                byLine.merge(p.line(), p.toString(), (a, b) -> a + "\n" + b);
            }
        }
        source.showErrors(byLine);
        onCheck.accept(check);
    }

    public ManifestDocument document() {
        return document;
    }

    public CodeEditor source() {
        return source;
    }

    @Override
    public void save() throws IOException {
        document.save();
    }

    @Override
    public void goTo(int line, String location) {
        getTabPane().getSelectionModel().select(this);
        form.focus(location);
        if (line > 0) {
            source.goToLine(line);
        }
    }
}
