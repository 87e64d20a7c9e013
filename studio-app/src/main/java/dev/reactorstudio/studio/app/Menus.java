package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.services.ServiceState;
import dev.reactorstudio.studio.services.StudioServices;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The menu bar, the toolbar and the keyboard shortcuts, all over the same actions:
 * Run Ctrl+R / F5, Stop Ctrl+F2 / Shift+F5, Save Ctrl+S, Save All Ctrl+Shift+S, Open Ctrl+O,
 * New Ctrl+N, Validate Ctrl+Shift+V, tool windows Alt+1…6, theme Ctrl+Alt+T.
 */
final class Menus {
    private final ProjectActions project;
    private final RunActions run;
    private final StudioServices services;
    private final Dock dock;
    private final Theme.Switcher theme;
    private final RecentProjects recent;
    private final Runnable exit;

    Menus(ProjectActions project, RunActions run, StudioServices services, Dock dock, Theme.Switcher theme,
          RecentProjects recent, Runnable exit) {
        this.project = project;
        this.run = run;
        this.services = services;
        this.dock = dock;
        this.theme = theme;
        this.recent = recent;
        this.exit = exit;
    }

    MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), modelMenu(), viewMenu());
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu fileMenu() {
        Menu recentMenu = new Menu("Open Recent");
        recentMenu.setOnShowing(e -> fillRecent(recentMenu));
        fillRecent(recentMenu);
        return new Menu("File", null,
                item("New Model…", "Ctrl+N", project::newModel),
                item("Open…", "Ctrl+O", project::chooseAndOpen),
                recentMenu,
                new SeparatorMenuItem(),
                item("Save", "Ctrl+S", project::save),
                item("Save All", "Ctrl+Shift+S", project::saveAll),
                new SeparatorMenuItem(),
                item("Exit", "Ctrl+Q", exit));
    }

    private void fillRecent(Menu menu) {
        menu.getItems().clear();
        recent.list().forEach(p -> {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> project.open(p));
            menu.getItems().add(item);
        });
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            menu.getItems().add(none);
        }
    }

    private Menu modelMenu() {
        MenuItem runItem = item("Run", "Ctrl+R", run::run);
        runItem.disableProperty().bind(busy());
        MenuItem stopItem = item("Stop", "Ctrl+F2", run::stop);
        stopItem.disableProperty().bind(stopped());
        MenuItem viewerItem = item("Open Viewer in Browser", null, run::openViewer);
        viewerItem.disableProperty().bind(Bindings.createBooleanBinding(
                () -> services.coordinator().state().get() != ServiceState.UP, services.coordinator().state()));
        return new Menu("Model", null, runItem, stopItem, viewerItem, new SeparatorMenuItem(),
                item("Validate", "Ctrl+Shift+V", project::validate),
                item("Pull Weights", null, this::pullWeights));
    }

    private Menu viewMenu() {
        Menu view = new Menu("View");
        for (ToolWindow window : dock.windows()) {
            CheckMenuItem item = new CheckMenuItem(window.title());
            item.selectedProperty().bindBidirectional(dock.visible(window.id()));
            item.setAccelerator(window.shortcut());
            view.getItems().add(item);
        }
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        light.setSelected(theme.current().get() == Theme.LIGHT);
        dark.setSelected(theme.current().get() == Theme.DARK);
        light.setOnAction(e -> theme.current().set(Theme.LIGHT));
        dark.setOnAction(e -> theme.current().set(Theme.DARK));
        theme.current().addListener((o, a, b) -> (b == Theme.DARK ? dark : light).setSelected(true));
        view.getItems().addAll(new SeparatorMenuItem(), light, dark, item("Toggle Theme", "Ctrl+Alt+T", theme::toggle));
        return view;
    }

    ToolBar toolBar() {
        Button open = button("toolbar-open", "Open", "Open a model folder (Ctrl+O)", project::chooseAndOpen);
        Button save = button("toolbar-save", "Save", "Save (Ctrl+S)", project::save);
        Button validate = button("toolbar-validate", "Validate", "Check manifest.json (Ctrl+Shift+V)", project::validate);
        Button runButton = button("run", "▶ Run", "Start the services and the model (Ctrl+R, F5)", run::run);
        runButton.getStyleClass().addAll("main-action", "run-action");
        runButton.disableProperty().bind(busy());
        Button stop = button("stop", "■ Stop", "Stop the services and free the ports (Ctrl+F2, Shift+F5)", run::stop);
        stop.getStyleClass().addAll("main-action", "stop-action");
        stop.disableProperty().bind(stopped());
        Button pull = button("toolbar-pull", "Pull Weights", "Download the manifest's weights", this::pullWeights);
        Button themeButton = button("theme-toggle", "◐", "Light / dark theme (Ctrl+Alt+T)", theme::toggle);
        return new ToolBar(open, save, new Separator(), validate, runButton, stop, new Separator(), pull, new Separator(), themeButton);
    }

    /** Shortcuts a menu item cannot carry as a second accelerator. */
    void installExtraShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            if (!busy().get()) {
                run.run();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), run::stop);
    }

    private BooleanBinding busy() {
        return Bindings.createBooleanBinding(() -> services.state().get().busy(), services.state());
    }

    private BooleanBinding stopped() {
        return Bindings.createBooleanBinding(() -> services.state().get() == ServiceState.STOPPED, services.state());
    }

    private static MenuItem item(String title, String shortcut, Runnable action) {
        MenuItem item = new MenuItem(title);
        if (shortcut != null) {
            item.setAccelerator(KeyCombination.keyCombination(shortcut));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    /** The download's progress is in the Weights window, so it comes forward with the pull. */
    private void pullWeights() {
        dock.show("weights");
        project.pullWeights();
    }
}
