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
import dev.reactorstudio.studio.services.ServiceState;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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
    private javafx.stage.Window owner;
    /** The folder Run started, while the services run; null when stopped. */
    private java.nio.file.Path runningFolder;
    private String runningName = "";
    /** Rerun and "Stop X and run Y": run the open model once the services have stopped. */
    private boolean runWhenStopped;

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

    /** Where its questions ("Stop X and run Y?") are centred. */
    void setOwner(javafx.stage.Window window) {
        owner = window;
    }

    /**
     * Runs the open model. Refused, with the problem shown, while its manifest is invalid; never
     * silent while something runs: the same model says how to restart it, another asks first.
     */
    public void run() {
        Project project = workbench.project().get();
        if (project == null) {
            workbench.status().set("Open a model folder first");
            return;
        }
        if (services.state().get() == ServiceState.STOPPING) {
            runWhenStopped = true;
            workbench.status().set(project.name() + " runs as soon as the services have stopped");
            return;
        }
        if (services.state().get().busy()) {
            if (project.folder().equals(runningFolder)) {
                workbench.status().set(runningName + " is already running — Rerun (Ctrl+F5) restarts it");
            } else if (askToSwitch(project.folder())) {
                rerun();
            }
            return;
        }
        Optional<Problem> invalid = ManifestGate.firstError(project, editors, problems);
        if (invalid.isPresent()) {
            showProblems.run();
            goTo(invalid.get());
            workbench.status().set("Fix manifest.json before Run: " + invalid.get().where() + " " + invalid.get().message());
            return;
        }
        if (!saveAll.getAsBoolean()) {
            return;
        }
        problems.replace("run", List.of());
        problems.replace("compiler", List.of());
        editors.showCompileErrors(java.util.Map.of());
        runningFolder = project.folder();
        runningName = project.name();
        preview.loading().set("Loading " + project.name() + "…");
        workbench.status().set("Starting " + project.name() + "…");
        services.run(project.folder());
    }

    /** Stops what runs (if anything) and runs the open model once the ports are free. */
    public void rerun() {
        ServiceState now = services.state().get();
        if (now == ServiceState.STOPPED || now == ServiceState.FAILED) {
            run();
            return;
        }
        runWhenStopped = true;
        stop();
    }

    public void stop() {
        preview.disconnect();
        services.stop();
        workbench.status().set("Stopping…");
    }

    /**
     * Asked before another model folder opens: while a different model runs, "Stop X and run Y?"
     * Stop and run, keep X running (the Preview keeps naming it), or cancel the open.
     */
    public boolean beforeOpen(java.nio.file.Path folder) {
        ServiceState now = services.state().get();
        if (now == ServiceState.STOPPED || now == ServiceState.FAILED || folder.toAbsolutePath().normalize().equals(runningFolder)) {
            return true;
        }
        String other = folder.getFileName().toString();
        ButtonType stopAndRun = new ButtonType("Stop " + runningName + " and run " + other, ButtonBar.ButtonData.YES);
        ButtonType keep = new ButtonType("Keep " + runningName + " running", ButtonBar.ButtonData.NO);
        ButtonType answer = ask(runningName + " is running. Stop " + runningName + " and run " + other + "?", stopAndRun, keep);
        if (answer == stopAndRun) {
            runWhenStopped = true;
            stop();
            return true;
        }
        return answer == keep;
    }

    private boolean askToSwitch(java.nio.file.Path folder) {
        ButtonType stopAndRun = new ButtonType("Stop " + runningName + " and run " + folder.getFileName(), ButtonBar.ButtonData.YES);
        return ask(runningName + " is running. Stop " + runningName + " and run " + folder.getFileName() + "?", stopAndRun) == stopAndRun;
    }

    private ButtonType ask(String question, ButtonType... choices) {
        List<ButtonType> buttons = new java.util.ArrayList<>(List.of(choices));
        buttons.add(ButtonType.CANCEL);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, buttons.toArray(ButtonType[]::new));
        alert.setHeaderText(null);
        alert.setTitle("A model is running");
        if (owner != null) {
            alert.initOwner(owner);
            dev.reactorstudio.studio.common.Dialogs.centreOn(alert, owner);
        }
        return alert.showAndWait().orElse(ButtonType.CANCEL);
    }

    /** The model Run started last, while the services are not stopped; null otherwise. */
    public String runningName() {
        return runningFolder == null ? null : runningName;
    }

    private void goTo(Problem problem) {
        try {
            editors.open(problem.file()).goTo(problem.line(), problem.location());
        } catch (java.io.IOException e) {
            // the Problems view still lists it
        }
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
        preview.loading().set("");
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
        preview.loading().set("");
        runningFolder = null;
        runWhenStopped = false;
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
            problems.replace("run", List.of(RunFailures.problem(message, project)));
        }
        showProblems.run();
        workbench.status().set("Run failed: " + firstLine(message));
    }

    @Override
    public void stopped() {
        preview.loading().set("");
        preview.detach();
        runningFolder = null;
        workbench.status().set("Stopped; ports are free");
        if (runWhenStopped) {
            runWhenStopped = false;
            run();
        }
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}
