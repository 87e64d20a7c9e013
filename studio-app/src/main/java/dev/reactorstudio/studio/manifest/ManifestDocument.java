package dev.reactorstudio.studio.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.runtime.manifest.ManifestWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One {@code manifest.json} being edited. The text is the truth (it is what gets saved and what
 * the author may be half-way through typing); {@link #tree()} is the last object the text parsed
 * to, which the form shows; {@link #check()} is the engine's validation of the current text,
 * redone on every change. FX thread only.
 */
public final class ManifestDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<ObjectNode> tree = new SimpleObjectProperty<>(JsonNodeFactory.instance.objectNode());
    private final ObjectProperty<ManifestCheck> check = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private boolean parses;
    private String saved;

    private ManifestDocument(Path file, String initial) {
        this.file = file;
        this.saved = initial;
        apply(initial);
    }

    public static ManifestDocument load(Path file) throws IOException {
        return new ManifestDocument(file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** For a manifest that exists only in memory (tests, templates). */
    public static ManifestDocument of(Path file, String text) {
        return new ManifestDocument(file.toAbsolutePath().normalize(), text);
    }

    public Path file() {
        return file;
    }

    public Path folder() {
        return file.getParent();
    }

    /** The source view changed the text. */
    public void setText(String newText) {
        if (!newText.equals(text.get())) {
            apply(newText);
        }
    }

    /**
     * The form changed a value: applies {@code change} to a copy of the tree and rewrites the
     * text in the stable layout. Ignored while the text does not parse — the form would
     * otherwise overwrite what the author is typing in the source.
     */
    public boolean edit(Consumer<ObjectNode> change) {
        if (!parses) {
            return false;
        }
        ObjectNode copy = tree.get().deepCopy();
        change.accept(copy);
        apply(ManifestWriter.toJson(copy));
        return true;
    }

    /** Writes the file: pretty, stable JSON when the text parses; the text as typed otherwise (nothing is lost). */
    public void save() throws IOException {
        String out = parses ? ManifestWriter.toJson(tree.get()) : text.get();
        Files.writeString(file, out, StandardCharsets.UTF_8);
        saved = out;
        apply(out);
    }

    private void apply(String newText) {
        text.set(newText);
        try {
            JsonNode node = JSON.readTree(newText);
            parses = node instanceof ObjectNode;
            if (parses && !node.equals(tree.get())) {
                tree.set((ObjectNode) node);
            }
        } catch (JsonProcessingException e) {
            parses = false;
        }
        check.set(ManifestValidator.validate(newText, file.getParent()));
        dirty.set(!newText.equals(saved));
    }

    public ReadOnlyStringProperty text() {
        return text;
    }

    public ReadOnlyObjectProperty<ObjectNode> tree() {
        return tree;
    }

    public ReadOnlyObjectProperty<ManifestCheck> check() {
        return check;
    }

    public BooleanProperty dirty() {
        return dirty;
    }

    /** Whether the current text is a JSON object (the form can edit it). */
    public boolean parses() {
        return parses;
    }
}
