package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.model.ParamSpec;
import dev.reactorstudio.runtime.model.ParamType;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The control for one command parameter, chosen from its schema: a slider for a number with both
 * bounds, a dropdown for choices, a checkbox for a boolean, a text field otherwise. Text that is not
 * a number is sent as text on purpose, so the runtime's validation answers with its own message.
 */
abstract class ParamControl {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final ParamSpec spec;

    private ParamControl(ParamSpec spec) {
        this.spec = spec;
    }

    abstract Node node();

    /** The value to send; null leaves the parameter out (the model's default applies). */
    abstract JsonNode value();

    /** Something to listen to for "send on change". */
    abstract Observable changes();

    static ParamControl of(String id, ParamSpec spec) {
        ParamControl control;
        if (spec.type() == ParamType.BOOLEAN) {
            control = new Check(spec);
        } else if (!spec.choices().isEmpty()) {
            control = new Choice(spec);
        } else if (spec.type() != ParamType.STRING && spec.min() != null && spec.max() != null) {
            control = new Range(spec);
        } else {
            control = new Text(spec);
        }
        control.node().setId(id);
        return control;
    }

    private static final class Check extends ParamControl {
        private final CheckBox box = new CheckBox();

        Check(ParamSpec spec) {
            super(spec);
            box.setSelected(spec.defaultValue() != null && spec.defaultValue().asBoolean());
        }

        Node node() {
            return box;
        }

        JsonNode value() {
            return NODES.booleanNode(box.isSelected());
        }

        Observable changes() {
            return box.selectedProperty();
        }
    }

    private static final class Choice extends ParamControl {
        private final ComboBox<String> box = new ComboBox<>();

        Choice(ParamSpec spec) {
            super(spec);
            box.getItems().setAll(spec.choices());
            box.setValue(spec.defaultValue() != null ? spec.defaultValue().asText() : spec.choices().get(0));
        }

        Node node() {
            return box;
        }

        JsonNode value() {
            return box.getValue() == null ? null : NODES.textNode(box.getValue());
        }

        Observable changes() {
            return box.valueProperty();
        }
    }

    private static final class Range extends ParamControl {
        private final Slider slider;
        private final HBox box;

        Range(ParamSpec spec) {
            super(spec);
            double start = spec.defaultValue() != null && spec.defaultValue().isNumber()
                    ? spec.defaultValue().asDouble() : spec.min();
            slider = new Slider(spec.min(), spec.max(), start);
            boolean integer = spec.type() == ParamType.INTEGER;
            if (integer) {
                slider.setMajorTickUnit(Math.max(1, (spec.max() - spec.min()) / 4));
                slider.setMinorTickCount(0);
                slider.setSnapToTicks(false);
                slider.setBlockIncrement(1);
                slider.valueProperty().addListener((o, a, b) -> slider.setValue(Math.round(b.doubleValue())));
            }
            Label shown = new Label();
            shown.setMinWidth(48);
            shown.textProperty().bind(slider.valueProperty().asString(integer ? "%.0f" : "%.2f"));
            HBox.setHgrow(slider, Priority.ALWAYS);
            box = new HBox(6, slider, shown);
        }

        Node node() {
            return box;
        }

        JsonNode value() {
            return spec.type() == ParamType.INTEGER ? NODES.numberNode(Math.round(slider.getValue()))
                    : NODES.numberNode(slider.getValue());
        }

        Observable changes() {
            return slider.valueChangingProperty();
        }

        Slider slider() {
            return slider;
        }
    }

    private static final class Text extends ParamControl {
        private final TextField field = new TextField();

        Text(ParamSpec spec) {
            super(spec);
            if (spec.defaultValue() != null) {
                field.setText(spec.defaultValue().asText());
            }
            field.setPromptText(spec.type().jsonName() + (spec.required() ? "" : " (optional)"));
        }

        Node node() {
            return field;
        }

        JsonNode value() {
            String text = field.getText();
            if (text == null || text.isEmpty()) {
                return null;
            }
            if (spec.type() == ParamType.STRING) {
                return NODES.textNode(text);
            }
            try {
                return spec.type() == ParamType.INTEGER ? NODES.numberNode(Long.parseLong(text.trim()))
                        : NODES.numberNode(Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }

        Observable changes() {
            return field.onActionProperty();
        }
    }
}
