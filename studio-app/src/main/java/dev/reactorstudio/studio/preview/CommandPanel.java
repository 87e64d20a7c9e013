package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.model.CommandSpec;
import dev.reactorstudio.runtime.model.ParamSpec;
import java.util.ArrayList;
import java.util.List;
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
 * command with a control per parameter, Send, and the last outcome (rejections in words).
 * "Send on change" sends as soon as a control is released or picked.
 */
final class CommandPanel extends VBox {
    private final javafx.scene.layout.FlowPane cards = new javafx.scene.layout.FlowPane(10, 10);
    private final CommandSender sender;
    private final CheckBox live = new CheckBox("Send on change");

    CommandPanel(CommandSender sender) {
        super(10);
        this.sender = sender;
        setPadding(new Insets(8));
        setId("command-panel");
        showCommands(List.of());
    }

    void showCommands(List<CommandSpec> commands) {
        Label title = new Label("Commands");
        title.getStyleClass().add("title-4");
        cards.getChildren().clear();
        commands.forEach(c -> cards.getChildren().add(card(c)));
        getChildren().setAll(new javafx.scene.layout.HBox(12, title, live));
        getChildren().add(commands.isEmpty() ? new Label("Run a model to see its commands.") : cards);
    }

    private VBox card(CommandSpec command) {
        Label title = new Label(command.name());
        title.getStyleClass().add("command-title");
        Label description = new Label(command.description());
        description.getStyleClass().add("text-muted");
        description.setWrapText(true);
        GridPane params = new GridPane();
        params.setHgap(6);
        params.setVgap(4);
        List<ParamControl> controls = new ArrayList<>();
        for (ParamSpec param : command.params()) {
            ParamControl control = ParamControl.of("cmd-" + command.name() + "-" + param.name(), param);
            controls.add(control);
            Label name = new Label(param.name());
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (!param.description().isEmpty()) {
                name.setTooltip(new Tooltip(param.description()));
            }
            params.addRow(controls.size() - 1, name, control.node());
            GridPane.setHgrow(control.node(), Priority.ALWAYS);
        }
        Label outcome = new Label();
        outcome.setId("cmd-" + command.name() + "-result");
        outcome.setWrapText(true);
        Button send = new Button("Send");
        send.setId("cmd-" + command.name() + "-send");
        Runnable doSend = () -> sender.send(command.name(), args(controls), o -> {
            outcome.setText(o.message());
            outcome.getStyleClass().removeAll("outcome-ok", "outcome-rejected");
            outcome.getStyleClass().add(o.ok() ? "outcome-ok" : "outcome-rejected");
        });
        send.setOnAction(e -> doSend.run());
        controls.forEach(c -> c.changes().addListener(o -> {
            if (live.isSelected()) {
                doSend.run();
            }
        }));
        VBox card = new VBox(4, title, description, params, send, outcome);
        card.setPrefWidth(250);
        card.getStyleClass().add("command-card");
        return card;
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
