package dev.reactorstudio.studio.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.common.ProblemList;
import dev.reactorstudio.studio.editor.EditorTab;
import dev.reactorstudio.studio.editor.EditorTabs;
import dev.reactorstudio.studio.manifest.ManifestEditorTab;
import dev.reactorstudio.studio.project.ModelTemplates;
import dev.reactorstudio.studio.project.NewModelDialog;
import dev.reactorstudio.studio.project.Project;
import dev.reactorstudio.studio.project.ProjectTreeView;
import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.weights.WeightsController;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** File and Model menu actions that concern the project: open, new, save, validate, pull weights. */
public final class ProjectActions {
    private final Workbench workbench;
    private final EditorTabs editors;
    private final ProjectTreeView tree;
    private final ProblemList problems;
    private final WeightsController weights;
    private final RecentProjects recent;
    private final Window owner;
    private java.util.function.Predicate<Path> beforeOpen = folder -> true;

    ProjectActions(Workbench workbench, EditorTabs editors, ProjectTreeView tree, ProblemList problems,
                   WeightsController weights, RecentProjects recent, Window owner) {
        this.workbench = workbench;
        this.editors = editors;
        this.tree = tree;
        this.problems = problems;
        this.weights = weights;
        this.recent = recent;
        this.owner = owner;
    }

    /** Asked before a folder opens (a running model may need stopping first); false keeps the current one. */
    public void setBeforeOpen(java.util.function.Predicate<Path> check) {
        beforeOpen = check;
    }

    public void open(Path folder) {
        if (!beforeOpen.test(folder)) {
            return;
        }
        if (editors.anyDirty() && !confirmDiscard()) {
            return;
        }
        show(folder);
    }

    /** Closes the model (asking about unsaved changes) and goes back to the welcome screen. */
    public void close() {
        if (editors.anyDirty() && !confirmDiscard()) {
            return;
        }
        editors.closeAll();
        problems.clear();
        tree.show(null);
        recent.closed();
        workbench.project().set(null);
        workbench.status().set("Open a model folder to begin");
    }

    private void show(Path folder) {
        Project project = new Project(folder);
        editors.closeAll();
        problems.clear();
        tree.show(project.folder());
        workbench.project().set(project);
        recent.add(project.folder());
        if (!project.hasManifest()) {
            workbench.status().set(project.folder() + " has no manifest.json — New Model creates one");
            weights.show(project.folder(), List.of());
            return;
        }
        openFile(project.manifest());
        editors.find(project.manifest()).filter(ManifestEditorTab.class::isInstance).map(ManifestEditorTab.class::cast)
                .ifPresent(tab -> followWeights(project, tab));
        workbench.status().set("Opened " + project.folder());
    }

    private void followWeights(Project project, ManifestEditorTab tab) {
        weights.show(project.folder(), weightNames(tab.document().tree().get()));
        tab.document().tree().addListener((o, a, b) -> {
            List<String> names = weightNames(b);
            if (!names.equals(weightNames(a))) {
                weights.show(project.folder(), names);
            }
        });
    }

    private static List<String> weightNames(JsonNode root) {
        List<String> names = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("weights");
        if (list != null && list.isArray()) {
            list.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    private boolean confirmDiscard() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Some files have unsaved changes. Save them first?",
                ButtonType.YES, ButtonType.NO, ButtonType.CANCEL);
        alert.initOwner(owner);
        dev.reactorstudio.studio.common.Dialogs.centreOn(alert, owner);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == ButtonType.YES) {
            return saveAll();
        }
        return answer == ButtonType.NO;
    }

    public void openFile(Path file) {
        try {
            editors.open(file);
        } catch (IOException e) {
            workbench.status().set("Cannot open " + file + ": " + e.getMessage());
        }
    }

    public void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model folder");
        Project current = workbench.project().get();
        if (current != null && current.folder().getParent() != null) {
            chooser.setInitialDirectory(current.folder().getParent().toFile());
        }
        var folder = chooser.showDialog(dev.reactorstudio.studio.common.Dialogs.chooserOwner(owner));
        if (folder != null) {
            open(folder.toPath());
        }
    }

    /**
     * Asks for a name and template, then — only once unsaved changes are dealt with, so Cancel
     * leaves nothing behind — creates the folder and opens its manifest and model source.
     */
    public void newModel() {
        NewModelDialog.ask(owner, newModelParent()).ifPresent(request -> {
            if (editors.anyDirty() && !confirmDiscard()) {
                return;
            }
            ModelTemplates.Outcome outcome = ModelTemplates.create(request.folder(), request.kind());
            if (!outcome.ok()) {
                Alert alert = new Alert(Alert.AlertType.ERROR, outcome.output(), ButtonType.OK);
                alert.initOwner(owner);
                dev.reactorstudio.studio.common.Dialogs.centreOn(alert, owner);
                alert.setHeaderText("Could not create " + request.folder());
                alert.showAndWait();
                return;
            }
            show(request.folder());
            modelSource(request.folder()).ifPresent(this::openFile);
            workbench.status().set("Created " + request.folder() + " (" + request.kind() + ") — Run (F5) starts it");
        });
    }

    /** Beside the open model, else beside the last one opened, else {@code ~/ReactorStudio}. */
    private Path newModelParent() {
        Project current = workbench.project().get();
        if (current != null && current.folder().getParent() != null) {
            return current.folder().getParent();
        }
        return recent.list().stream().map(Path::getParent).filter(java.util.Objects::nonNull)
                .filter(p -> !p.endsWith("examples")).findFirst()
                .orElse(Path.of(System.getProperty("user.home"), "ReactorStudio"));
    }

    /** The template's model file ({@code model_*.java} or {@code model_*.py}). */
    private static java.util.Optional<Path> modelSource(Path folder) {
        try (var files = java.nio.file.Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("model_.*\\.(java|py)")).sorted().findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public boolean save() {
        return editors.selected().map(this::save).orElse(true);
    }

    public boolean saveAll() {
        for (EditorTab tab : editors.tabs()) {
            if (tab.dirty().get() && !save(tab)) {
                return false;
            }
        }
        return true;
    }

    private boolean save(EditorTab tab) {
        try {
            tab.save();
            workbench.status().set("Saved " + tab.file());
            tree.refresh(workbench.project().get() == null ? null : workbench.project().get().folder());
            return true;
        } catch (IOException e) {
            workbench.status().set("Cannot save " + tab.file() + ": " + e.getMessage());
            return false;
        }
    }

    /** Checks the manifest as it is in the editor (or on disk when it is not open). */
    public ManifestCheck validate() {
        Project project = workbench.project().get();
        if (project == null) {
            workbench.status().set("Open a model folder first");
            return null;
        }
        ManifestCheck check = editors.find(project.manifest()).filter(ManifestEditorTab.class::isInstance)
                .map(t -> ((ManifestEditorTab) t).document().check().get())
                .orElseGet(() -> ManifestValidator.read(project.folder()));
        problems.replace("manifest", Problems.of(check, project.manifest()));
        workbench.status().set(check.ok() ? "manifest.json is valid" + (check.warnings().isEmpty() ? "" : " (" + check.warnings().size() + " warnings)")
                : "manifest.json has " + check.errors().size() + " problem(s) — see Problems");
        return check;
    }

    public void pullWeights() {
        if (!weights.canDownload()) {
            workbench.status().set("This studio was started without the weights registry");
            return;
        }
        weights.pullAll();
    }

    /** Opens the file a problem is in and moves to it. */
    public void goTo(Problem problem) {
        try {
            editors.open(problem.file()).goTo(problem.line(), problem.location());
        } catch (IOException e) {
            workbench.status().set("Cannot open " + problem.file() + ": " + e.getMessage());
        }
    }
}
