package dev.reactorstudio.studio.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The editor area: one tab per open file, opened through a factory (the manifest gets its form
 * editor, everything else the code editor). Remembers compile errors so a file opened after a
 * failed Run still shows them.
 */
public final class EditorTabs {

    /** Makes the right tab for a file. */
    @FunctionalInterface
    public interface TabFactory {
        EditorTab open(Path file) throws IOException;
    }

    private final TabPane pane = new TabPane();
    private final TabFactory factory;
    private final Map<Path, Map<Integer, String>> compileErrors = new HashMap<>();

    public EditorTabs(TabFactory factory) {
        this.factory = factory;
        pane.setId("editor-tabs");
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    }

    public TabPane pane() {
        return pane;
    }

    public EditorTab open(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Optional<EditorTab> existing = find(key);
        if (existing.isPresent()) {
            pane.getSelectionModel().select(existing.get());
            return existing.get();
        }
        EditorTab tab = factory.open(key);
        if (tab instanceof SourceEditorTab source) {
            source.showErrors(compileErrors.getOrDefault(key, Map.of()));
        }
        pane.getTabs().add(tab);
        pane.getSelectionModel().select(tab);
        return tab;
    }

    public Optional<EditorTab> find(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return tabs().stream().filter(t -> t.file().equals(key)).findFirst();
    }

    public Optional<EditorTab> selected() {
        Tab tab = pane.getSelectionModel().getSelectedItem();
        return tab instanceof EditorTab editor ? Optional.of(editor) : Optional.empty();
    }

    public List<EditorTab> tabs() {
        return pane.getTabs().stream().filter(EditorTab.class::isInstance).map(EditorTab.class::cast).toList();
    }

    public boolean anyDirty() {
        return tabs().stream().anyMatch(t -> t.dirty().get());
    }

    /** Saves every tab with changes. */
    public void saveAll() throws IOException {
        for (EditorTab tab : tabs()) {
            if (tab.dirty().get()) {
                tab.save();
            }
        }
    }

    public void closeAll() {
        pane.getTabs().clear();
        compileErrors.clear();
    }

    /** Shows compile errors (file → line → message); replaces earlier ones. */
    public void showCompileErrors(Map<Path, Map<Integer, String>> errors) {
        compileErrors.clear();
        errors.forEach((file, lines) -> compileErrors.put(file.toAbsolutePath().normalize(), lines));
        for (EditorTab tab : tabs()) {
            if (tab instanceof SourceEditorTab source) {
                source.showErrors(compileErrors.getOrDefault(tab.file(), Map.of()));
            }
        }
    }
}
