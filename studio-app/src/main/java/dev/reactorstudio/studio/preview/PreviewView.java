package dev.reactorstudio.studio.preview;

import java.time.Duration;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Preview tool window: live frames with an fps/latency overlay, the rate chart, the command
 * panel, Connect/Disconnect, Snapshot and Record with its timer.
 */
public final class PreviewView extends BorderPane {
    private final PreviewController controller;
    private final ImageView image = new ImageView();
    private final FramePainter painter;
    private final PreviewMeter meter;
    private final Label overlay = new Label("No frames");
    private final Label recordTime = new Label();
    private final Label captureStatus = new Label();
    private final CheckBox autoConnect = new CheckBox("Connect on Run");
    private long recordingSince;

    public PreviewView(PreviewController controller, Consumer<String> reveal) {
        this.controller = controller;
        this.painter = new FramePainter(controller.tap(), image);
        this.meter = new PreviewMeter(painter, () -> controller.manager() == null ? null : controller.manager().stats());
        image.setId("preview-image");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        overlay.setId("preview-overlay");
        overlay.getStyleClass().add("preview-overlay");
        StackPane.setAlignment(overlay, Pos.TOP_LEFT);
        // While a model loads (a DJL model takes seconds, a Python model may install its requirements first).
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label loadingText = new Label();
        loadingText.setId("preview-loading");
        loadingText.getStyleClass().add("preview-overlay");
        loadingText.textProperty().bind(controller.loading());
        VBox loadingBox = new VBox(8, spinner, loadingText);
        loadingBox.setAlignment(Pos.CENTER);
        loadingBox.visibleProperty().bind(controller.loading().isNotEmpty());
        loadingBox.setMouseTransparent(true);
        StackPane screen = new StackPane(image, overlay, loadingBox);
        screen.getStyleClass().add("preview-screen");
        screen.setMinSize(160, 120);
        image.fitWidthProperty().bind(screen.widthProperty());
        image.fitHeightProperty().bind(screen.heightProperty());
        Pane.class.cast(screen).setPrefSize(480, 360);
        RateChart chart = new RateChart();
        VBox left = new VBox(screen, chart);
        VBox.setVgrow(screen, javafx.scene.layout.Priority.ALWAYS);
        CommandPanel commands = new CommandPanel(controller.sender());
        controller.commands().addListener((o, a, b) -> commands.showCommands(b));
        controller.reported().addListener((o, a, b) -> commands.showReported(b));
        ScrollPane commandScroll = new ScrollPane(commands);
        commandScroll.setId("command-scroll");
        commandScroll.setFitToWidth(true);
        commandScroll.setMinHeight(120);
        // Frames get the dock's full width; commands sit below them as wrapping cards.
        SplitPane split = new SplitPane(left, commandScroll);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        setTop(toolbar(reveal));
        setCenter(split);
        captureStatus.setId("capture-status");
        captureStatus.setWrapText(true);
        Label sessionStatus = new Label();
        sessionStatus.setId("preview-status");
        // Always name the model the preview shows: another may be open in the editor.
        sessionStatus.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (controller.commands().get().model().isEmpty() ? "" : controller.commands().get().model() + " · ")
                        + controller.session().status().get(), controller.commands(), controller.session().status()));
        Button copyPath = new Button("Copy path");
        copyPath.setId("capture-copy");
        copyPath.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(controller.lastCapture().get().toString());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Button openFolder = new Button("Open folder");
        openFolder.setId("capture-open-folder");
        openFolder.setOnAction(e -> {
            java.nio.file.Path saved = controller.lastCapture().get();
            reveal.accept(saved.getParent().toUri().toString());
            // No file manager may be registered: the path stays in sight either way.
            captureStatus.setText("Saved " + saved + " — folder " + saved.getParent());
        });
        for (Button b : new Button[] {copyPath, openFolder}) {
            b.disableProperty().bind(controller.lastCapture().isNull());
        }
        controller.lastCapture().addListener((o, a, saved) -> {
            if (saved != null && !captureStatus.getText().startsWith("Saved " + saved)) {
                captureStatus.setText("Saved " + saved);
            }
        });
        // Wraps instead of hiding the saved path behind an overflow "»".
        FlowPane bottom = new FlowPane(8, 4, sessionStatus, new Separator(javafx.geometry.Orientation.VERTICAL), captureStatus, copyPath, openFolder);
        bottom.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("preview-bar");
        setBottom(bottom);
        Timeline ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick(chart)));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        painter.start();
        autoConnect.setSelected(true);
    }

    /** A wrapping bar, not a ToolBar: a narrow dock must not hide Record in an overflow menu. */
    private FlowPane toolbar(Consumer<String> reveal) {
        ToggleButton connect = new ToggleButton("Connect");
        connect.setId("preview-connect");
        connect.setOnAction(e -> {
            if (connect.isSelected()) {
                controller.connect();
            } else {
                controller.disconnect();
            }
            connect.setSelected(controller.connected().get());
        });
        controller.connected().addListener((o, a, b) -> {
            connect.setSelected(b);
            connect.setText(b ? "Disconnect" : "Connect");
        });
        Button snapshot = new Button("Snapshot");
        snapshot.setId("preview-snapshot");
        snapshot.setOnAction(e -> {
            // The handler shows every outcome; nothing waits on the chained future.
            var unused = controller.snapshot().whenComplete((path, error) -> javafx.application.Platform.runLater(
                    () -> captureStatus.setText(error == null ? "Saved " + path : "Snapshot failed: " + rootMessage(error))));
        });
        ToggleButton record = new ToggleButton("● Record");
        record.setId("preview-record");
        record.setOnAction(e -> toggleRecording(record));
        // The button follows the recording, also when Stop (or a new Run) ends it.
        controller.recording().addListener((o, a, on) -> {
            record.setSelected(on);
            record.setText(on ? "■ Stop recording" : "● Record");
            if (!on) {
                recordTime.setText("");
            }
        });
        recordTime.setId("record-time");
        Button open = new Button("Show captures");
        open.setOnAction(e -> {
            if (controller.lastCapture().get() != null) {
                reveal.accept(controller.lastCapture().get().getParent().toUri().toString());
            }
        });
        FlowPane bar = new FlowPane(6, 4, connect, autoConnect, snapshot, record, recordTime, open);
        bar.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("preview-bar");
        return bar;
    }

    private void toggleRecording(ToggleButton record) {
        if (record.isSelected()) {
            if (controller.startRecording()) {
                recordingSince = System.nanoTime();
                recordTime.setText("00:00");
                captureStatus.setText("Recording…");
            } else {
                record.setSelected(false);
                captureStatus.setText("Nothing to record — Run the model and Connect first");
            }
            return;
        }
        if (!controller.recording().get()) {
            return; // already ended (Stop, a new Run): its result is shown
        }
        recordTime.setText("");
        // The handler shows every outcome; nothing waits on the chained future.
        var unused = controller.stopRecording().whenComplete((result, error) -> javafx.application.Platform.runLater(() -> captureStatus.setText(
                error == null ? "Saved " + result.file() + " (" + result.frames() + " frames)" : "Recording failed: " + rootMessage(error))));
    }

    private void tick(RateChart chart) {
        meter.tick(System.nanoTime());
        chart.add(meter.paintFps(), meter.emitFps());
        var frame = painter.paintedFrame();
        boolean live = controller.manager() != null && controller.connected().get();
        image.setOpacity(live || frame == null ? 1 : 0.45);
        if (!live) {
            // No live-looking numbers over a frame that no longer moves.
            overlay.setText(frame == null ? (controller.manager() == null ? "Not running" : "Not connected")
                    : controller.manager() == null ? "Stopped — last frame" : "Not connected — last frame");
            return;
        }
        // Two latencies: emit→paint includes the pacer's smoothing buffer; release→paint is the preview's own.
        overlay.setText(frame == null ? "No frames" : String.format("%.1f fps · latency %.0f ms (preview %.0f ms) · %d×%d · #%d",
                meter.paintFps(), painter.latencyMillis(), painter.previewLatencyMillis(), frame.width(), frame.height(), frame.sequence()));
        if (controller.recording().get()) {
            long seconds = Duration.ofNanos(System.nanoTime() - recordingSince).toSeconds();
            recordTime.setText(String.format("● %02d:%02d", seconds / 60, seconds % 60));
        }
    }

    /** Whether Run connects the preview by itself. */
    public boolean connectOnRun() {
        return autoConnect.isSelected();
    }

    /** Pixels are copied only while the preview can be seen. */
    public void setShowing(boolean showing) {
        painter.setActive(showing);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
