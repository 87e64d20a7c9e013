package dev.reactorstudio.studio.welcome;

import dev.reactorstudio.studio.project.RecentProjects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The welcome screen, shown while no model is open: start from an example, New Model, Open
 * Folder, reopen a recent model, and a one-line environment check with a fix beside each problem.
 */
public final class WelcomeView extends StackPane {

    /** What the welcome screen's buttons do, supplied by the studio. */
    public interface Actions {
        void open(Path folder);

        void chooseFolder();

        void newModel();

        /** Brings the registry settings forward. */
        void showRegistrySettings();

        /** Sets every busy service port to a free one. */
        void useFreePorts();

        void status(String message);
    }

    private final Actions actions;
    private final BundledExamples examples;
    private final RecentProjects recent;
    private final Supplier<EnvironmentCheck> check;
    private final ListView<RecentProjects.Entry> recentList = new ListView<>();
    private final HBox environment = new HBox(6);
    private Thread checking;

    public WelcomeView(String version, Actions actions, BundledExamples examples, RecentProjects recent,
                       Supplier<EnvironmentCheck> check) {
        this.actions = actions;
        this.examples = examples;
        this.recent = recent;
        this.check = check;
        setId("welcome");
        getStyleClass().add("welcome");

        Label title = new Label("Reactor Studio");
        title.getStyleClass().addAll("title-1", "welcome-title");
        Label subtitle = new Label("Real-time generative video models · " + version);
        subtitle.getStyleClass().add("text-muted");
        Button newModel = new Button("New Model…");
        newModel.setId("welcome-new");
        newModel.getStyleClass().add("accent");
        newModel.setOnAction(e -> actions.newModel());
        Button openFolder = new Button("Open Folder…");
        openFolder.setId("welcome-open");
        openFolder.setOnAction(e -> actions.chooseFolder());
        HBox buttons = new HBox(8, newModel, openFolder);

        VBox left = new VBox(8, heading("Examples"), examplesPane());
        VBox right = new VBox(8, heading("Recent models"), recentPane());
        left.setPrefWidth(420);
        right.setPrefWidth(420);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(32, left, right);

        environment.setId("env-check");
        environment.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(18, new VBox(2, title, subtitle), buttons, columns, environment);
        page.setPadding(new Insets(40, 48, 32, 48));
        page.setMaxWidth(960);
        page.setMaxHeight(Region.USE_PREF_SIZE);
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        StackPane.setAlignment(page, Pos.TOP_CENTER);
        getChildren().add(scroll);
        recentList.getItems().setAll(recent.entries());
        // The environment check starts once the window is up (recheck()), not while it is being built.
        Label pending = new Label("Checking Python, registry and ports…");
        pending.getStyleClass().add("text-muted");
        environment.getChildren().setAll(pending);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }

    private VBox examplesPane() {
        VBox list = new VBox(8);
        List<BundledExamples.Example> all = examples.list();
        if (all.isEmpty()) {
            Label none = new Label("This build has no bundled examples.");
            none.getStyleClass().add("text-muted");
            list.getChildren().add(none);
        }
        for (BundledExamples.Example example : all) {
            Button open = new Button(example.name());
            open.setId("example-" + example.name());
            open.getStyleClass().add("welcome-example");
            open.setMaxWidth(Double.MAX_VALUE);
            open.setAlignment(Pos.CENTER_LEFT);
            Label about = new Label(example.about());
            about.getStyleClass().add("text-muted");
            about.setWrapText(true);
            open.setGraphic(null);
            open.setTooltip(new Tooltip("Copies it to " + examples.copyOf(example) + " (once) and opens the copy"));
            open.setOnAction(e -> openExample(example));
            list.getChildren().add(new VBox(2, open, about));
        }
        return list;
    }

    private void openExample(BundledExamples.Example example) {
        try {
            actions.open(examples.writableCopy(example));
        } catch (IOException e) {
            actions.status("Cannot copy the example to " + examples.copyOf(example) + ": " + e.getMessage());
        }
    }

    private ListView<RecentProjects.Entry> recentPane() {
        recentList.setId("recent-list");
        recentList.setPrefHeight(260);
        recentList.setPlaceholder(new Label("Models you open are listed here."));
        recentList.setCellFactory(v -> new RecentCell());
        recentList.setOnKeyPressed(e -> {
            RecentProjects.Entry entry = recentList.getSelectionModel().getSelectedItem();
            if (entry != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openRecent(entry);
            }
        });
        return recentList;
    }

    private void openRecent(RecentProjects.Entry entry) {
        if (entry.exists()) {
            actions.open(entry.folder());
        } else {
            actions.status(entry.folder() + " no longer exists — Remove takes it off the list");
        }
    }

    /** A recent model: name over its path; a missing one greyed with Remove. */
    private final class RecentCell extends ListCell<RecentProjects.Entry> {
        RecentCell() {
            setOnMouseClicked(e -> {
                if (!isEmpty() && getItem() != null && e.getButton() == MouseButton.PRIMARY) {
                    openRecent(getItem());
                }
            });
        }

        @Override
        protected void updateItem(RecentProjects.Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            getStyleClass().remove("recent-missing");
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(entry.name() + (entry.exists() ? "" : "  (missing)"));
            name.getStyleClass().add("text-bold");
            Label path = new Label(entry.folder().toString());
            path.getStyleClass().add("text-muted");
            path.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // the end names the model
            path.setTooltip(new Tooltip(entry.folder().toString()));
            name.setMinWidth(0);
            path.setMinWidth(0);
            VBox text = new VBox(1, name, path);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            Button remove = new Button("Remove");
            remove.setId("recent-remove-" + entry.name());
            remove.getStyleClass().addAll("flat", "small");
            remove.setOnAction(e -> {
                recent.remove(entry.folder());
                refresh();
            });
            // The click that pressed Remove must not also open the row.
            remove.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, javafx.scene.input.MouseEvent::consume);
            remove.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(8, text, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            // As wide as the list, never wider: a long path must not push Remove out of sight.
            row.setMinWidth(0);
            row.prefWidthProperty().bind(getListView().widthProperty().subtract(32));
            if (!entry.exists()) {
                getStyleClass().add("recent-missing");
                text.setOpacity(0.5);
            }
            setText(null);
            setGraphic(row);
        }
    }

    /** Rereads the recent list and checks the environment again (in the background). */
    public void refresh() {
        recentList.getItems().setAll(recent.entries());
        recheck();
    }

    /** Runs the environment check on its own thread; the line fills in when it is done. */
    public void recheck() {
        close();
        Label pending = new Label("Checking Python, registry and ports…");
        pending.getStyleClass().add("text-muted");
        environment.getChildren().setAll(pending);
        EnvironmentCheck task = check.get();
        checking = new Thread(() -> {
            List<EnvironmentCheck.Finding> findings = task.run();
            if (!Thread.currentThread().isInterrupted()) {
                Platform.runLater(() -> show(findings));
            }
        }, "studio-env-check");
        checking.setDaemon(true);
        checking.start();
    }

    /** The findings as one line: a mark and the words per finding, then its fix. */
    void show(List<EnvironmentCheck.Finding> findings) {
        FlowPane line = new FlowPane(6, 4);
        line.setAlignment(Pos.CENTER_LEFT);
        for (EnvironmentCheck.Finding finding : findings) {
            if (!line.getChildren().isEmpty()) {
                line.getChildren().add(new Label("·"));
            }
            Label text = new Label((finding.ok() ? "✓ " : "⚠ ") + finding.text());
            text.setId("env-" + finding.id());
            text.getStyleClass().add(finding.ok() ? "env-ok" : "env-problem");
            line.getChildren().add(text);
            fixFor(finding).ifPresent(line.getChildren()::add);
        }
        Hyperlink again = new Hyperlink("Check again");
        again.setId("env-recheck");
        again.setOnAction(e -> recheck());
        line.getChildren().add(again);
        environment.getChildren().setAll(line);
        HBox.setHgrow(line, Priority.ALWAYS);
    }

    private java.util.Optional<Hyperlink> fixFor(EnvironmentCheck.Finding finding) {
        Hyperlink fix = new Hyperlink();
        fix.setId("env-fix-" + finding.id());
        switch (finding.fix()) {
            case COPY_COMMAND -> {
                fix.setText("Copy: " + finding.command());
                fix.setOnAction(e -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(finding.command());
                    Clipboard.getSystemClipboard().setContent(content);
                    actions.status("Copied \"" + finding.command() + "\" — run it in a terminal, then Check again");
                });
            }
            case SET_REGISTRY -> {
                fix.setText("Set registry…");
                fix.setOnAction(e -> actions.showRegistrySettings());
            }
            case USE_FREE_PORTS -> {
                fix.setText("Use free ports");
                fix.setOnAction(e -> {
                    actions.useFreePorts();
                    recheck();
                });
            }
            default -> {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(fix);
    }

    /** Stops a running check. */
    public void close() {
        if (checking != null) {
            checking.interrupt();
            checking = null;
        }
    }
}
