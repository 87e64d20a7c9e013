package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.studio.preview.media.FeedStatus;
import dev.reactorstudio.studio.preview.media.WebcamDevices;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The Preview's "Inputs": one {@link InputRow} per input the running model declares, rebuilt when
 * another model runs, hidden when it declares none.
 */
final class InputsStrip extends VBox {
    private final Map<String, InputRow> rows = new LinkedHashMap<>();
    private final WebcamDevices webcams = new WebcamDevices();

    InputsStrip(PreviewController controller) {
        super(4);
        setId("inputs-strip");
        Label title = new Label("Inputs");
        title.getStyleClass().add("preview-media-title");
        controller.tracks().addListener((o, was, now) -> {
            rows.clear();
            getChildren().setAll(title);
            for (TrackSpec input : now.inputs()) {
                InputRow row = new InputRow(input, controller.feeds(), webcams::list);
                rows.put(input.name(), row);
                getChildren().add(row);
            }
            setVisible(!rows.isEmpty());
            setManaged(!rows.isEmpty());
        });
        controller.feedStatuses().addListener((MapChangeListener<String, FeedStatus>) change -> {
            InputRow row = rows.get(change.getKey());
            if (row != null && change.wasAdded()) {
                row.show(change.getValueAdded());
            }
        });
        setVisible(false);
        setManaged(false);
    }
}
