package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.common.ProblemList;
import dev.reactorstudio.studio.editor.EditorTabs;
import dev.reactorstudio.studio.preview.PreviewController;
import dev.reactorstudio.studio.preview.PreviewView;
import dev.reactorstudio.studio.project.Project;
import dev.reactorstudio.studio.services.ServicesListener;
import dev.reactorstudio.studio.services.StudioServices;
import dev.reactorstudio.studio.weights.WeightsController;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;

/**
 * Run and Stop, and what follows from them: saving first (the runtime loads from disk), wiring
 * the preview to the loaded model, and turning a failed load into problems and line marks.
 */
public final class RunActions implements ServicesListener {
    private final Workbench workbench;
    private final StudioServices services;
    private final PreviewController preview;
    private final PreviewView previewView;
    private final EditorTabs editors;
    private final ProblemList problems;
    private final WeightsController weights;
    private final BooleanSupplier saveAll;
    private final Runnable showProblems;
    private final Consumer<String> browser;

    RunActions(Workbench workbench, StudioServices services, PreviewController preview, PreviewView previewView,
               EditorTabs editors, ProblemList problems, WeightsController weights, BooleanSupplier saveAll,
               Runnable showProblems, Consumer<String> browser) {
        this.workbench = workbench;
        this.services = services;
        this.preview = preview;
        this.previewView = previewView;
        this.editors = editors;
        this.problems = problems;
        this.weights = weights;
        this.saveAll = saveAll;
        this.showProblems = showProblems;
        this.browser = browser;
        services.addListener(this);
    }

    public void run() {
        Project project = workbench.project().get();
        if (project == null) {
            workbench.status().set("Open a model folder first");
            return;
        }
        if (!saveAll.getAsBoolean()) {
            return;
        }
        problems.replace("run", List.of());
        problems.replace("compiler", List.of());
        editors.showCompileErrors(java.util.Map.of());
        workbench.status().set("Starting " + project.name() + "…");
        services.run(project.folder());
    }

    public void stop() {
        preview.disconnect();
        services.stop();
        workbench.status().set("Stopping…");
    }

    /** Opens the coordinator's built-in viewer page in the system browser (while it runs). */
    public void openViewer() {
        String url = services.coordinator().browserUrl();
        if (url.isEmpty()) {
            workbench.status().set("The viewer page is served once Run has started the coordinator");
            return;
        }
        browser.accept(url);
        workbench.status().set("Opened " + url);
    }

    @Override
    public void ready(ModelHost host) {
        preview.attach(host);
        if (previewView.connectOnRun()) {
            preview.connect();
        }
        weights.rescan();
        workbench.status().set(host.manifest().map(m -> m.modelName() + " " + m.modelVersion()).orElse("model")
                + " is running");
    }

    @Override
    public void failed(String message, List<CompileError> compileErrors) {
        Project project = workbench.project().get();
        if (project != null && !compileErrors.isEmpty()) {
            problems.replace("compiler", Problems.of(compileErrors, project.folder()));
            editors.showCompileErrors(Problems.byFileAndLine(compileErrors, project.folder()));
            try {
                editors.open(project.folder().resolve(compileErrors.get(0).file()))
                        .goTo((int) compileErrors.get(0).line(), "");
            } catch (java.io.IOException e) {
                // the error list still points at it
            }
        } else if (project != null) {
            problems.replace("run", List.of(new Problem(Problem.Severity.ERROR, project.manifest(), "", -1, message)));
        }
        showProblems.run();
        workbench.status().set("Run failed: " + firstLine(message));
    }

    @Override
    public void stopped() {
        preview.detach();
        workbench.status().set("Stopped; ports are free");
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}
