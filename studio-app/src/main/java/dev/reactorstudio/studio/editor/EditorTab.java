package dev.reactorstudio.studio.editor;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Tab;

/**
 * A tab that edits one file. Subclasses say how to save; the tab shows a {@code *} while there are
 * unsaved changes.
 */
public abstract class EditorTab extends Tab {
    private final Path file;
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);

    protected EditorTab(Path file) {
        this.file = file;
        setText(file.getFileName().toString());
        dirty.addListener((o, a, b) -> setText((b ? "*" : "") + file.getFileName()));
        setTooltip(new javafx.scene.control.Tooltip(file.toString()));
    }

    public Path file() {
        return file;
    }

    public BooleanProperty dirty() {
        return dirty;
    }

    /** Writes the file; throws with a message the author can act on. */
    public abstract void save() throws java.io.IOException;

    /** Moves to a 1-based line (and highlights {@code location} when the tab knows it). */
    public abstract void goTo(int line, String location);
}
