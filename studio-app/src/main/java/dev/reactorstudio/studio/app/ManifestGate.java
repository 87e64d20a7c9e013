package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.common.ProblemList;
import dev.reactorstudio.studio.editor.EditorTabs;
import dev.reactorstudio.studio.manifest.ManifestEditorTab;
import dev.reactorstudio.studio.project.Project;
import java.util.List;
import java.util.Optional;

/**
 * Run's first step: the manifest as the author sees it (the open editor's text, saved or not; else
 * the file) must be valid before anything is saved or started. Its problems go to the Problems
 * view either way, so a Run-failure row never outlives the fix.
 */
final class ManifestGate {
    private ManifestGate() {}

    /** The first error of the project's manifest, after filing every problem under "manifest"; empty when valid. */
    static Optional<Problem> firstError(Project project, EditorTabs editors, ProblemList problems) {
        if (!project.hasManifest() && editors.find(project.manifest()).isEmpty()) {
            Problem missing = new Problem(Problem.Severity.ERROR, project.manifest(), "", -1,
                    "no manifest.json in " + project.folder() + " — File › New Model creates one");
            problems.replace("manifest", List.of(missing));
            return Optional.of(missing);
        }
        ManifestCheck check = editors.find(project.manifest()).filter(ManifestEditorTab.class::isInstance)
                .map(t -> ((ManifestEditorTab) t).document().check().get())
                .orElseGet(() -> ManifestValidator.read(project.folder()));
        List<Problem> found = Problems.of(check, project.manifest());
        problems.replace("manifest", found);
        return check.ok() ? Optional.empty() : found.stream().filter(p -> p.severity() == Problem.Severity.ERROR).findFirst();
    }
}
