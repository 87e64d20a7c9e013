package dev.reactorstudio.studio.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The model folder as a tree: folders first, then files, hidden files and build output left out.
 * Double-click or Enter opens a file. Refreshed after actions that change the folder.
 */
public final class ProjectTreeView extends TreeView<Path> {
    private static final Set<String> SKIPPED = Set.of("target", "__pycache__", "node_modules");

    private final Consumer<Path> open;

    public ProjectTreeView(Consumer<Path> open) {
        this.open = open;
        setId("project-tree");
        setShowRoot(true);
        setPlaceholderText();
        setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName() == null ? item.toString() : item.getFileName().toString());
            }
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected();
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openSelected();
            }
        });
    }

    private void setPlaceholderText() {
        setRoot(null);
        setTooltip(new javafx.scene.control.Tooltip("Open a model folder (Ctrl+O)"));
    }

    /** Shows {@code folder}'s files; null empties the tree. */
    public void show(Path folder) {
        if (folder == null) {
            setRoot(null);
            return;
        }
        TreeItem<Path> root = item(folder);
        root.setExpanded(true);
        setRoot(root);
    }

    public void refresh(Path folder) {
        if (folder != null) {
            show(folder);
        }
    }

    private void openSelected() {
        TreeItem<Path> selected = getSelectionModel().getSelectedItem();
        if (selected != null && Files.isRegularFile(selected.getValue())) {
            open.accept(selected.getValue());
        }
    }

    private static TreeItem<Path> item(Path path) {
        TreeItem<Path> item = new TreeItem<>(path);
        if (Files.isDirectory(path)) {
            for (Path child : children(path)) {
                item.getChildren().add(item(child));
            }
        }
        return item;
    }

    private static List<Path> children(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !SKIPPED.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Shown instead of a tree when nothing is open. */
    public static Label emptyHint() {
        return new Label("Open a model folder (Ctrl+O)");
    }
}
