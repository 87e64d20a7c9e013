package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.model.ParamSpec;

/**
 * Where a command control starts: the model's current value when it reports one (a {@code "state"}
 * message field named like the parameter), else the parameter's declared default, else a manifest
 * arg of the same name (the value the model was configured with), else nothing — the control then
 * picks its own neutral start (a slider's minimum, the first choice).
 */
final class StartValues {
    private final JsonNode reported;
    private final JsonNode manifestArgs;

    /**
     * @param reported     the model's reported values (an object; may be empty)
     * @param manifestArgs the manifest's {@code args} object; null when there is none
     */
    StartValues(JsonNode reported, JsonNode manifestArgs) {
        this.reported = reported;
        this.manifestArgs = manifestArgs;
    }

    /** The value to start from, or null when no source knows one. */
    JsonNode of(ParamSpec param) {
        JsonNode current = scalar(reported, param.name());
        if (current != null) {
            return current;
        }
        if (param.defaultValue() != null && !param.defaultValue().isNull()) {
            return param.defaultValue();
        }
        return scalar(manifestArgs, param.name());
    }

    /** A number, string or boolean field; arrays and objects cannot start a single control. */
    private static JsonNode scalar(JsonNode object, String name) {
        JsonNode value = object == null ? null : object.get(name);
        return value != null && value.isValueNode() && !value.isNull() ? value : null;
    }
}
