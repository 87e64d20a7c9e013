package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.model.ParamSpec;
import dev.reactorstudio.runtime.model.ParamType;
import java.math.BigDecimal;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The control for one command parameter, chosen from its schema: a slider with a text field for a
 * number with both bounds, a dropdown for choices, a checkbox for a boolean, a path field with a file
 * chooser for a file (uploaded when the command is sent), a text field otherwise.
 * Text that is not a number is sent as text on purpose, so the runtime's validation answers with
 * its own message.
 *
 * <p>Two kinds of change are kept apart: {@link #show} puts a value in the control (where it starts,
 * what the model reported) and never counts as the author's; a finished gesture of the author — a
 * slider released, a track click, an arrow key, a choice picked, Enter in a field — is a commit,
 * which "Send on change" sends.
 */
abstract class ParamControl {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final ParamSpec spec;
    private Runnable onCommit = () -> {};
    private boolean showing;

    private ParamControl(ParamSpec spec) {
        this.spec = spec;
    }

    abstract Node node();

    /** The value to send; null leaves the parameter out (the model's default applies). */
    abstract JsonNode value();

    /** Puts a value in the control without it counting as the author's change; null is ignored. */
    final void show(JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        showing = true;
        try {
            display(value);
        } finally {
            showing = false;
        }
    }

    abstract void display(JsonNode value);

    /** The local file to upload for a file parameter; null for other parameters or when none is chosen. */
    java.nio.file.Path file() {
        return null;
    }

    /** Whether the author is in the middle of a gesture (a drag): a reported value must wait. */
    boolean adjusting() {
        return false;
    }

    /** Runs after each finished change of the author's. */
    void onCommit(Runnable action) {
        onCommit = action;
    }

    final void committed() {
        if (!showing) {
            onCommit.run();
        }
    }

    static ParamControl of(String id, ParamSpec spec) {
        ParamControl control;
        if (spec.type() == ParamType.FILE) {
            control = new FileChoice(spec);
        } else if (spec.type() == ParamType.BOOLEAN) {
            control = new Check(spec);
        } else if (!spec.choices().isEmpty()) {
            control = new Choice(spec);
        } else if (spec.type() != ParamType.STRING && spec.min() != null && spec.max() != null) {
            control = new Range(spec);
        } else {
            control = new Text(spec);
        }
        control.node().setId(id);
        if (control instanceof FileChoice choice) {
            choice.path.setId(id + "-path");
            choice.choose.setId(id + "-choose");
        }
        if (control instanceof Range range) {
            range.slider().setId(id + "-slider");
            range.field().setId(id + "-field");
        }
        return control;
    }

    private static final class Check extends ParamControl {
        private final CheckBox box = new CheckBox();

        Check(ParamSpec spec) {
            super(spec);
            box.setOnAction(e -> committed());
        }

        @Override
        Node node() {
            return box;
        }

        @Override
        JsonNode value() {
            return NODES.booleanNode(box.isSelected());
        }

        @Override
        void display(JsonNode value) {
            box.setSelected(value.asBoolean());
        }
    }

    private static final class Choice extends ParamControl {
        private final ComboBox<String> box = new ComboBox<>();

        Choice(ParamSpec spec) {
            super(spec);
            box.getItems().setAll(spec.choices());
            box.setValue(spec.choices().get(0));
            // ComboBox fires its action on every value change, also a programmatic one: show() guards it.
            box.setOnAction(e -> committed());
        }

        @Override
        Node node() {
            return box;
        }

        @Override
        JsonNode value() {
            return box.getValue() == null ? null : NODES.textNode(box.getValue());
        }

        @Override
        void display(JsonNode value) {
            if (box.getItems().contains(value.asText())) {
                box.setValue(value.asText());
            }
        }
    }

    /**
     * A bounded number: a slider whose values snap to a step (1 for integers, about a hundredth of
     * the range otherwise, a round number), and a field beside it to type an exact value.
     */
    static final class Range extends ParamControl {
        private static final Set<KeyCode> SLIDER_KEYS = Set.of(KeyCode.LEFT, KeyCode.RIGHT, KeyCode.UP, KeyCode.DOWN,
                KeyCode.HOME, KeyCode.END, KeyCode.PAGE_UP, KeyCode.PAGE_DOWN, KeyCode.KP_LEFT, KeyCode.KP_RIGHT,
                KeyCode.KP_UP, KeyCode.KP_DOWN);

        private final Slider slider;
        private final TextField field = new TextField();
        private final HBox box;
        private final boolean integer;
        private final double step;
        private final int decimals;
        /** The value to send: the slider's, snapped — or exactly what was typed. */
        private double current;
        private boolean typing;

        Range(ParamSpec spec) {
            super(spec);
            integer = spec.type() == ParamType.INTEGER;
            step = integer ? 1 : step(spec.max() - spec.min());
            decimals = integer ? 0 : Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
            current = snap(spec.min());
            slider = new Slider(spec.min(), spec.max(), current);
            slider.setBlockIncrement(step);
            slider.valueProperty().addListener((o, a, b) -> sliderMoved(b.doubleValue()));
            // A drag sends once, when the thumb is let go; a track click or an arrow key is a finished change.
            slider.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::committed));
            slider.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
                if (SLIDER_KEYS.contains(e.getCode())) {
                    Platform.runLater(this::committed);
                }
            });
            field.setPrefColumnCount(5);
            field.setText(format(current));
            field.setTooltip(new Tooltip("Type an exact value (" + format(spec.min()) + " … " + format(spec.max()) + "), then Enter"));
            field.setOnAction(e -> typed());
            field.focusedProperty().addListener((o, a, focused) -> {
                if (!focused) {
                    field.setText(format(current)); // leaving without Enter shows what will be sent
                }
            });
            HBox.setHgrow(slider, Priority.ALWAYS);
            box = new HBox(6, slider, field);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        /** A power of ten at most a hundredth of the range: 10 → 0.1, 1 → 0.01, 9.9 → 0.01. */
        static double step(double range) {
            if (!(range > 0)) {
                return 1;
            }
            return BigDecimal.ONE.scaleByPowerOfTen((int) Math.floor(Math.log10(range / 100 * 1.0000001))).doubleValue();
        }

        private double snap(double value) {
            double snapped = spec.min() + Math.round((value - spec.min()) / step) * step;
            snapped = Math.max(spec.min(), Math.min(spec.max(), snapped));
            return BigDecimal.valueOf(snapped).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
        }

        private void sliderMoved(double value) {
            if (typing) {
                return;
            }
            double snapped = snap(value);
            if (snapped != value) {
                slider.setValue(snapped); // comes back here with the snapped value
                return;
            }
            current = snapped;
            field.setText(format(snapped));
            field.getStyleClass().remove("invalid");
        }

        private void typed() {
            String text = field.getText() == null ? "" : field.getText().trim();
            double value;
            try {
                value = integer ? Long.parseLong(text) : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                markInvalid(text + " is not " + (integer ? "a whole number" : "a number"));
                return;
            }
            if (value < spec.min() || value > spec.max() || Double.isNaN(value)) {
                markInvalid(text + " is outside " + format(spec.min()) + " … " + format(spec.max()));
                return;
            }
            setExactly(value);
            committed();
        }

        private void setExactly(double value) {
            current = value;
            typing = true;
            try {
                slider.setValue(value);
            } finally {
                typing = false;
            }
            field.setText(format(value));
            field.getStyleClass().remove("invalid");
            field.setTooltip(new Tooltip("Type an exact value (" + format(spec.min()) + " … " + format(spec.max()) + "), then Enter"));
        }

        private void markInvalid(String why) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            field.setTooltip(new Tooltip(why));
        }

        /** Whole numbers plainly; others with the step's decimals, or more when typed so. */
        private String format(double value) {
            if (integer) {
                return Long.toString(Math.round(value));
            }
            BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
            return exact.scale() <= decimals ? exact.setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString()
                    : exact.toPlainString();
        }

        @Override
        Node node() {
            return box;
        }

        Slider slider() {
            return slider;
        }

        TextField field() {
            return field;
        }

        @Override
        JsonNode value() {
            return integer ? NODES.numberNode(Math.round(current)) : NODES.numberNode(current);
        }

        @Override
        void display(JsonNode value) {
            if (value.isNumber()) {
                setExactly(Math.max(spec.min(), Math.min(spec.max(), integer ? Math.round(value.asDouble()) : value.asDouble())));
            }
        }

        @Override
        boolean adjusting() {
            return slider.isValueChanging() || field.isFocused();
        }
    }

    private static final class Text extends ParamControl {
        private final TextField field = new TextField();

        Text(ParamSpec spec) {
            super(spec);
            field.setPromptText(spec.type().jsonName() + (spec.required() ? "" : " (optional)"));
            field.setOnAction(e -> committed());
        }

        @Override
        Node node() {
            return field;
        }

        @Override
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

        @Override
        void display(JsonNode value) {
            field.setText(value.asText());
        }

        @Override
        boolean adjusting() {
            return field.isFocused();
        }
    }

    /**
     * A file: a path field (type or paste a path, Enter commits) and a button opening a file
     * chooser. The file is uploaded when the command is sent, through the session's upload store
     * (the same limit, names and lifetime as a browser's upload); it never travels in the arguments.
     */
    private static final class FileChoice extends ParamControl {
        private final TextField path = new TextField();
        private final javafx.scene.control.Button choose = new javafx.scene.control.Button("Choose…");
        private final HBox box;

        FileChoice(ParamSpec spec) {
            super(spec);
            path.setPromptText("file" + (spec.required() ? "" : " (optional)"));
            path.setOnAction(e -> committed());
            choose.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle("File for " + spec.name());
                java.io.File picked = chooser.showOpenDialog(dev.reactorstudio.studio.common.Dialogs.chooserOwner(choose.getScene().getWindow()));
                if (picked != null) {
                    path.setText(picked.getAbsolutePath());
                    committed();
                }
            });
            HBox.setHgrow(path, Priority.ALWAYS);
            box = new HBox(4, path, choose);
        }

        @Override
        Node node() {
            return box;
        }

        @Override
        JsonNode value() {
            return null;
        }

        @Override
        void display(JsonNode value) {
            // A model reports no file values; nothing to show.
        }

        @Override
        java.nio.file.Path file() {
            String text = path.getText();
            return text == null || text.isBlank() ? null : java.nio.file.Path.of(text.strip());
        }
    }
}
