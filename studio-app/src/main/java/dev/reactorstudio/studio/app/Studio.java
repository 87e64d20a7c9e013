package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.manifest.EngineVersion;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.studio.common.ProblemList;
import dev.reactorstudio.studio.common.ProblemsView;
import dev.reactorstudio.studio.editor.EditorTab;
import dev.reactorstudio.studio.editor.EditorTabs;
import dev.reactorstudio.studio.editor.SourceEditorTab;
import dev.reactorstudio.studio.manifest.ManifestDocument;
import dev.reactorstudio.studio.manifest.ManifestEditorTab;
import dev.reactorstudio.studio.preview.MessageLog;
import dev.reactorstudio.studio.preview.MessageLogView;
import dev.reactorstudio.studio.preview.PreviewController;
import dev.reactorstudio.studio.preview.PreviewView;
import dev.reactorstudio.studio.project.ProjectTreeView;
import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.services.LogConsoleView;
import dev.reactorstudio.studio.services.LogTap;
import dev.reactorstudio.studio.services.LoggerScope;
import dev.reactorstudio.studio.services.ServicesView;
import dev.reactorstudio.studio.services.StudioServices;
import dev.reactorstudio.studio.settings.SettingsFile;
import dev.reactorstudio.studio.settings.UserDirs;
import dev.reactorstudio.studio.welcome.WelcomeView;
import dev.reactorstudio.studio.weights.RegistryDownloads;
import dev.reactorstudio.studio.weights.RegistrySetup;
import dev.reactorstudio.studio.weights.WeightsController;
import dev.reactorstudio.studio.weights.WeightsView;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The composition root: builds every part once, wires them together and owns their lifetime.
 * It holds no behaviour of its own — actions live in {@link ProjectActions} and
 * {@link RunActions}, views in their packages.
 */
public final class Studio implements AutoCloseable {

    /**
     * How to start the studio.
     *
     * @param prefs          where settings, recent projects and window state are kept
     * @param captures       folder for snapshots and recordings
     * @param bindHost       address the services bind
     * @param browser        opens a URL (HostServices in the app)
     * @param environment    what weights, the registry cache and credentials resolve against (the process environment)
     * @param registryTuning adjusts how weight downloads run (connections, chunk size); identity in the app
     */
    public record Options(Preferences prefs, Path captures, String bindHost, Consumer<String> browser,
                          Map<String, String> environment, UnaryOperator<RegistrySettings> registryTuning) {

        public Options(Preferences prefs, Path captures, String bindHost, Consumer<String> browser) {
            this(prefs, captures, bindHost, browser, System.getenv(), UnaryOperator.identity());
        }

        /** The user's settings file ({@code ~/.config/reactor-studio/settings.properties}) and folders. */
        public static Options defaults(Consumer<String> browser) {
            return defaults(userSettings(), browser);
        }

        /** As {@link #defaults(Consumer)}, with the settings already read by {@link #userSettings()}. */
        public static Options defaults(Preferences prefs, Consumer<String> browser) {
            Path captures = Path.of(prefs.get("captures", UserDirs.current().captures().toString()));
            return new Options(prefs, captures, ServiceOptions.DEFAULT_HOST, browser);
        }

        /** Reads the user's settings file; blocking file I/O, safe on any thread. */
        public static Preferences userSettings() {
            UserDirs dirs = UserDirs.current();
            Preferences prefs = SettingsFile.open(dirs.settingsFile());
            if (prefs.get(EXAMPLES_FOLDER, null) == null) {
                prefs.put(EXAMPLES_FOLDER, dirs.examples().toString());
            }
            return prefs;
        }
    }

    /** Settings key: where bundled examples are copied before they open (tests point it at a temp folder). */
    public static final String EXAMPLES_FOLDER = "examples.folder";

    private final Stage stage;
    private final Options options;
    private final Workbench workbench = new Workbench();
    private final LogTap logTap = LogTap.install();
    private final ProblemList problems = new ProblemList();
    private final StudioServices services;
    private final MessageLog messages = new MessageLog();
    private final PreviewController preview;
    private final WeightsController weights;
    private final RegistryDownloads downloads;
    private final EditorTabs editors;
    private final ProjectActions projectActions;
    private final RunActions runActions;
    private final Dock dock;
    private final WindowState windowState;
    private final Theme.Switcher theme;
    private volatile boolean closed;
    private boolean exiting;
    private boolean everythingStopped;
    private final WelcomeView welcome;

    private Studio(Stage stage, Options options) {
        this.stage = stage;
        this.options = options;
        this.theme = new Theme.Switcher(options.prefs());
        RegistrySetup registry = new RegistrySetup(options.environment(), options.registryTuning());
        dev.reactorstudio.studio.weights.RegistrySettings registryFields =
                new dev.reactorstudio.studio.weights.RegistrySettings(options.prefs(), options.environment());
        this.downloads = new RegistryDownloads(registry);
        this.weights = new WeightsController(registryFields, Optional.of(downloads), options.environment());
        // Run resolves and pulls weights exactly as the Weights view does: same environment, same registry.
        this.services = new StudioServices(options.bindHost(), () -> HostOptions.defaults()
                .withEnvironment(options.environment()).withRegistry(registry.settingsOrCacheOnly(registryFields)));
        this.preview = new PreviewController(messages, options::captures);
        this.editors = new EditorTabs(this::tabFor);
        RecentProjects recent = new RecentProjects(options.prefs());
        ProjectTreeView tree = new ProjectTreeView(this::openFile);
        this.projectActions = new ProjectActions(workbench, editors, tree, problems, weights, recent, stage);
        PreviewView previewView = new PreviewView(preview, options.browser());
        this.dock = new Dock(tree, editors.pane(), options.prefs());
        this.runActions = new RunActions(workbench, services, preview, previewView, editors, problems, weights,
                projectActions::saveAll, () -> dock.show("problems"), options.browser());
        addToolWindows(previewView);
        runActions.setOwner(stage);
        projectActions.setBeforeOpen(runActions::beforeOpen);
        // Run brings the Preview forward: frames, the loading indicator and the model's commands are there.
        services.state().addListener((o, a, b) -> {
            if (b == dev.reactorstudio.studio.services.ServiceState.STARTING) {
                dock.show("preview");
            }
        });
        this.windowState = new WindowState(options.prefs());
        PortSettings.remember(services.endpoints(), options.prefs());
        services.addListener(new PortConflict(services, runActions::run, stage, options.bindHost()));
        // The Preview needs its width only while something runs; until then the editor gets the room.
        dock.setRightCompact(true);
        services.state().addListener((o, a, b) -> dock.setRightCompact(
                b == dev.reactorstudio.studio.services.ServiceState.STOPPED || b == dev.reactorstudio.studio.services.ServiceState.FAILED));
        Runnable openSettings = () -> SettingsDialog.show(stage, registryFields, services.endpoints(), theme,
                SettingsFile.fileOf(options.prefs()).map(Path::toString).orElse("the user's preferences"),
                !services.state().get().busy());
        this.welcome = WelcomeScreen.create(options, workbench, projectActions, services, registryFields, recent, openSettings);
        Menus menus = new Menus(projectActions, runActions, services, dock, theme, recent, this::exit);
        HelpMenu help = new HelpMenu(stage, options.browser(), workbench.status());
        BorderPane root = new BorderPane();
        // The welcome screen while no model is open; the IDE layout once one is.
        root.centerProperty().bind(javafx.beans.binding.Bindings.when(workbench.project().isNull())
                .then((javafx.scene.Node) welcome).otherwise(dock.node()));
        workbench.project().addListener((o, a, b) -> {
            if (b == null) {
                welcome.refresh();
            } else if (a == null) {
                javafx.application.Platform.runLater(dock::applyDividers);
            }
        });
        javafx.scene.control.MenuBar menuBar = menus.menuBar();
        menuBar.getMenus().add(help.menu());
        WelcomeScreen.addFileItems(menuBar.getMenus().get(0), projectActions, services, openSettings);
        root.setTop(new VBox(menuBar, menus.toolBar()));
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(workbench.status());
        status.getStyleClass().add("status-bar");
        root.setBottom(status);
        Scene scene = new Scene(root, windowState.width(), windowState.height());
        scene.getStylesheets().add(Studio.class.getResource("/dev/reactorstudio/studio/studio.css").toExternalForm());
        menus.installExtraShortcuts(scene);
        HelpMenu.installCaptureShortcuts(scene);
        FirstPaint.watch(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> (workbench.project().get() == null ? ""
                : workbench.project().get().name() + " — ") + "Reactor Studio " + EngineVersion.current(), workbench.project()));
        windowState.restore(stage);
    }

    /** Builds the window on {@code stage} (FX thread) and shows it. */
    public static Studio open(Stage stage, Options options) {
        Studio studio = new Studio(stage, options);
        stage.setOnHidden(e -> studio.close());
        // Closing the window stops the model in the background: the window says so and stays responsive.
        stage.setOnCloseRequest(e -> {
            if (!studio.closed) {
                e.consume();
                studio.exit();
            }
        });
        stage.show();
        javafx.application.Platform.runLater(studio.dock::applyDividers);
        javafx.application.Platform.runLater(() -> {
            if (studio.workbench.project().get() == null) {
                studio.welcome.recheck();
            }
        });
        return studio;
    }

    private void addToolWindows(PreviewView previewView) {
        ServicesView servicesView = new ServicesView(services, logTap.lines().items(), runActions::run, options.browser());
        dock.add(new ToolWindow("preview", "Preview", previewView, Dock.Side.RIGHT, KeyCombination.keyCombination("Alt+1")));
        dock.add(new ToolWindow("weights", "Weights", new WeightsView(weights), Dock.Side.RIGHT, KeyCombination.keyCombination("Alt+2")));
        dock.add(new ToolWindow("services", "Services", servicesView, Dock.Side.BOTTOM, KeyCombination.keyCombination("Alt+3")));
        dock.add(new ToolWindow("messages", "Messages", new MessageLogView(messages), Dock.Side.BOTTOM, KeyCombination.keyCombination("Alt+4")));
        dock.add(new ToolWindow("problems", "Problems", new ProblemsView(problems, p -> {
            if (RunFailures.SERVICES.equals(p.file())) {
                dock.show("services");
            } else {
                projectActions.goTo(p);
            }
        }), Dock.Side.BOTTOM, KeyCombination.keyCombination("Alt+5")));
        dock.add(new ToolWindow("log", "Log", new LogConsoleView("log-console", logTap.lines().items(), LoggerScope.ALL), Dock.Side.BOTTOM, KeyCombination.keyCombination("Alt+6")));
        dock.tab("preview").selectedProperty().addListener((o, a, b) -> previewView.setShowing(b));
    }

    private EditorTab tabFor(Path file) throws java.io.IOException {
        if (file.getFileName().toString().equals("manifest.json")) {
            return new ManifestEditorTab(ManifestDocument.load(file), check -> problems.replace("manifest", Problems.of(check, file)));
        }
        return new SourceEditorTab(file);
    }

    private void openFile(Path file) {
        projectActions.openFile(file);
    }

    public ProjectActions projectActions() {
        return projectActions;
    }

    public RunActions runActions() {
        return runActions;
    }

    public StudioServices services() {
        return services;
    }

    public WeightsController weights() {
        return weights;
    }

    public PreviewController preview() {
        return preview;
    }

    public EditorTabs editors() {
        return editors;
    }

    public ProblemList problems() {
        return problems;
    }

    Scene sceneForTour() {
        return stage.getScene();
    }

    Dock dockForTest() {
        return dock;
    }

    public WelcomeView welcome() {
        return welcome;
    }

    public Theme.Switcher theme() {
        return theme;
    }

    /** Milliseconds from JVM start to the first painted window; -1 until then. */
    public static long firstPaintMillis() {
        return FirstPaint.millis();
    }

    /**
     * File › Exit and the window's close button: saves the layout, then stops the session, the model
     * and the servers on the {@code studio-exit} thread — never on the FX thread, which keeps
     * painting "Stopping…" — and closes the window once the ports are free.
     */
    public void exit() {
        if (closed || exiting) {
            return;
        }
        exiting = true;
        saveLayout();
        workbench.status().set("Stopping… ending the session, unloading the model and freeing the ports");
        stage.getScene().getRoot().lookupAll(".menu-bar, .tool-bar").forEach(n -> n.setDisable(true));
        dock.node().setDisable(true);
        Thread stopper = new Thread(() -> {
            try {
                stopEverything();
            } finally {
                javafx.application.Platform.runLater(() -> {
                    closed = true;
                    logTap.uninstall();
                    stage.hide();
                });
            }
        }, "studio-exit");
        stopper.start();
    }

    /** True from {@link #exit()} until the window closes. */
    public boolean exiting() {
        return exiting && !closed;
    }

    /** Saves window state, stops the services and every studio thread, blocking until done. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!exiting) {
            saveLayout();
        }
        stopEverything();
        logTap.uninstall();
    }

    private void saveLayout() {
        welcome.close();
        windowState.save(stage);
        dock.save();
    }

    /** Once, whichever of exit() and close() comes first; the other waits for it. */
    private synchronized void stopEverything() {
        if (everythingStopped) {
            return;
        }
        everythingStopped = true;
        preview.close();
        services.close();
        weights.close();
        downloads.close();
    }
}
