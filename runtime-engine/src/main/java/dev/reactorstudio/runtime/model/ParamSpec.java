package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a command as clients see it.
 *
 * @param name         the wire name
 * @param type         the wire type
 * @param description  empty when the author gave none
 * @param min          inclusive lower bound, null when none (numbers only)
 * @param max          inclusive upper bound, null when none (numbers only)
 * @param choices      allowed values of a string (an enum's constant names); empty when free
 * @param required     true when a call must give it (no default and not marked optional)
 * @param defaultValue the value used when a call omits it, null when none
 */
public record ParamSpec(String name, ParamType type, String description, Double min, Double max,
        List<String> choices, boolean required, JsonNode defaultValue) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
