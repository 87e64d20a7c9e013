package dev.reactorstudio.studio.services;

import dev.reactorstudio.studio.common.CopyableUrl;
import dev.reactorstudio.studio.common.StatusLight;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Services tool window: runtime, coordinator and media server, each with a status light, the
 * port (editable while stopped; 0 = any free port), the URL with a Copy button, an Open button where
 * the service has a page (the coordinator's viewer, the runtime's /info), and a Logs toggle choosing
 * whose lines the console below shows.
 */
public final class ServicesView extends SplitPane {

    public ServicesView(StudioServices services, ObservableList<LogEntry> logLines, Runnable run, Consumer<String> openInBrowser) {
        VBox grid = new VBox(8);
        grid.setPadding(new Insets(8));
        Button runButton = new Button("Run");
        runButton.setId("services-run");
        runButton.setOnAction(e -> run.run());
        runButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> services.state().get().busy(), services.state()));
        Button stopButton = new Button("Stop");
        stopButton.setId("services-stop");
        stopButton.setOnAction(e -> services.stop());
        stopButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> services.state().get() == ServiceState.STOPPED, services.state()));
        LogConsoleView console = new LogConsoleView("service-log", logLines, services.endpoints().get(0).logs());
        ToggleGroup logs = new ToggleGroup();
        for (ServiceEndpoint endpoint : services.endpoints()) {
            grid.getChildren().add(row(endpoint, services, openInBrowser, logs, console));
        }
        logs.getToggles().get(0).setSelected(true);
        // Three rows wrap to several lines in a narrow dock: scroll them rather than clip them
        // unreachable, with Run and Stop always in sight above them.
        ScrollPane rows = new ScrollPane(grid);
        rows.setFitToWidth(true);
        rows.setId("services-rows");
        HBox actions = new HBox(6, runButton, stopButton);
        actions.setPadding(new Insets(6, 8, 0, 8));
        getItems().addAll(new BorderPane(rows, actions, null, null, null), console);
        setOrientation(javafx.geometry.Orientation.VERTICAL);
        setDividerPositions(0.5);
    }

    /** One service on one wrapping line: light, name, state, port, URL with Copy, Open, Logs. */
    private static FlowPane row(ServiceEndpoint endpoint, StudioServices services,
                                Consumer<String> openInBrowser, ToggleGroup logs, LogConsoleView console) {
        StatusLight light = new StatusLight();
        Label state = new Label();
        state.setId("service-state-" + endpoint.id());
        endpoint.state().addListener((o, a, b) -> {
            light.show(b.light());
            state.setText(b.words());
        });
        state.setText(endpoint.state().get().words());
        TextField port = new TextField(Integer.toString(endpoint.requestedPort().get()));
        port.setId("port-" + endpoint.id());
        port.setPrefColumnCount(5);
        port.setTooltip(new Tooltip("Port to bind (0 = any free port); takes effect on the next Run"));
        port.setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
        port.textProperty().addListener((o, a, b) -> endpoint.requestedPort().set(b.isEmpty() ? 0 : Integer.parseInt(b)));
        endpoint.requestedPort().addListener((o, a, b) -> {
            if (!Integer.toString(b.intValue()).equals(port.getText())) {
                port.setText(Integer.toString(b.intValue()));
            }
        });
        port.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> services.state().get().busy(), services.state()));
        CopyableUrl url = new CopyableUrl("url-" + endpoint.id());
        endpoint.url().addListener((o, a, b) -> url.setUrl(b));
        ToggleButton showLogs = new ToggleButton("Logs");
        showLogs.setId("service-logs-" + endpoint.id());
        showLogs.setToggleGroup(logs);
        showLogs.selectedProperty().addListener((o, a, b) -> {
            if (b) {
                console.setScope(endpoint.logs());
            }
        });
        Label title = new Label(endpoint.title());
        title.getStyleClass().add("text-bold");
        state.setMinWidth(90);
        url.setPrefWidth(260);
        Label detail = new Label();
        detail.setId("service-detail-" + endpoint.id());
        detail.textProperty().bind(endpoint.detail());
        detail.getStyleClass().add("text-muted");
        detail.managedProperty().bind(detail.textProperty().isNotEmpty());
        detail.visibleProperty().bind(detail.managedProperty());
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setId("service-progress-" + endpoint.id());
        bar.setPrefWidth(120);
        bar.progressProperty().bind(endpoint.progress());
        bar.managedProperty().bind(endpoint.progress().greaterThanOrEqualTo(0));
        bar.visibleProperty().bind(bar.managedProperty());
        HBox name = new HBox(6, light, title, state, bar, detail);
        name.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox portBox = new HBox(4, new Label("port"), port);
        portBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        FlowPane row = new FlowPane(10, 6, name, portBox, url);
        endpoint.page().ifPresent(page -> {
            Button open = new Button(page.action());
            open.setId("service-open-" + endpoint.id());
            open.setTooltip(new Tooltip("Opens " + page.path() + " of this service in the system browser"));
            open.setOnAction(e -> openInBrowser.accept(endpoint.browserUrl()));
            open.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> endpoint.state().get() != ServiceState.UP, endpoint.state()));
            row.getChildren().add(open);
        });
        row.getChildren().add(showLogs);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }
}
