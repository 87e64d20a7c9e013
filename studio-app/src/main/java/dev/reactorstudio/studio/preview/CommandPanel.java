package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.model.CommandSpec;
import dev.reactorstudio.runtime.model.ParamSpec;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Controls for every command of the loaded model, generated from its schema: one card per
 * command with a control per parameter, Send, and the last outcome — the values sent, or the
 * rejection in words. Controls start where the model is ({@link StartValues}) and follow the
 * values it reports while nobody is changing them. "Send on change" sends each finished change.
 */
final class CommandPanel extends VBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final javafx.scene.layout.FlowPane cards = new javafx.scene.layout.FlowPane(10, 10);
    private final CommandSender sender;
    private final CheckBox live = new CheckBox("Send on change");
    private final Label title = new Label("Commands");
    /** Every control on show, under its parameter name (several commands may share a name). */
    private final List<ParamControl> controls = new ArrayList<>();

    CommandPanel(CommandSender sender) {
        super(10);
        this.sender = sender;
        setPadding(new Insets(8));
        setId("command-panel");
        title.getStyleClass().add("title-4");
        title.setId("command-panel-title");
        live.setId("command-send-on-change");
        showCommands(PreviewController.Commands.NONE);
    }

    void showCommands(PreviewController.Commands shown) {
        title.setText(shown.model().isEmpty() ? "Commands" : "Commands — " + shown.model());
        cards.getChildren().clear();
        controls.clear();
        StartValues start = new StartValues(shown.reported(), shown.manifestArgs());
        shown.commands().forEach(c -> cards.getChildren().add(card(c, start)));
        getChildren().setAll(new javafx.scene.layout.HBox(12, title, live));
        getChildren().add(shown.commands().isEmpty()
                ? new Label(shown.model().isEmpty() ? "Run a model to see its commands." : shown.model() + " has no commands.")
                : cards);
    }

    /** The model reported values: controls of those names show them, unless the author is changing one. */
    void showReported(JsonNode values) {
        for (ParamControl control : controls) {
            JsonNode value = values.get(control.spec.name());
            if (value != null && value.isValueNode() && !control.adjusting()) {
                control.show(value);
            }
        }
    }

    private VBox card(CommandSpec command, StartValues start) {
        Label name = new Label(command.name());
        name.getStyleClass().add("command-title");
        Label description = new Label(command.description());
        description.getStyleClass().add("text-muted");
        description.setWrapText(true);
        GridPane params = new GridPane();
        params.setHgap(6);
        params.setVgap(4);
        List<ParamControl> own = new ArrayList<>();
        for (ParamSpec param : command.params()) {
            ParamControl control = ParamControl.of("cmd-" + command.name() + "-" + param.name(), param);
            control.show(start.of(param));
            own.add(control);
            Label label = new Label(param.name());
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (!param.description().isEmpty()) {
                label.setTooltip(new Tooltip(param.description()));
            }
            params.addRow(own.size() - 1, label, control.node());
            GridPane.setHgrow(control.node(), Priority.ALWAYS);
        }
        controls.addAll(own);
        Label outcome = new Label();
        outcome.setId("cmd-" + command.name() + "-result");
        outcome.setWrapText(true);
        Button send = new Button("Send");
        send.setId("cmd-" + command.name() + "-send");
        Runnable doSend = () -> {
            ObjectNode args = args(own);
            sender.send(command.name(), args, files(own), o -> {
                outcome.setText(o.ok() ? "✓ Sent " + describe(args) + " at " + LocalTime.now(ZoneId.systemDefault()).format(CLOCK) : o.message());
                outcome.setTooltip(new Tooltip(o.message()));
                outcome.getStyleClass().removeAll("outcome-ok", "outcome-rejected");
                outcome.getStyleClass().add(o.ok() ? "outcome-ok" : "outcome-rejected");
            });
        };
        send.setOnAction(e -> doSend.run());
        own.forEach(c -> c.onCommit(() -> {
            if (live.isSelected()) {
                doSend.run();
            }
        }));
        VBox card = new VBox(4, name, description, params, send, outcome);
        card.setPrefWidth(250);
        card.getStyleClass().add("command-card");
        return card;
    }

    /** {@code speed = 1.5, palette = cool}; "no values" for a command without parameters. */
    static String describe(ObjectNode args) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            parts.add(field.getKey() + " = " + (field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        }
        return parts.isEmpty() ? "(no values)" : String.join(", ", parts);
    }

    private static Map<String, java.nio.file.Path> files(List<ParamControl> controls) {
        Map<String, java.nio.file.Path> files = new java.util.LinkedHashMap<>();
        controls.stream().filter(c -> c.file() != null).forEach(c -> files.put(c.spec.name(), c.file()));
        return files;
    }

    private static ObjectNode args(List<ParamControl> controls) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        for (ParamControl control : controls) {
            JsonNode value = control.value();
            if (value != null) {
                args.set(control.spec.name(), value);
            }
        }
        return args;
    }
}
