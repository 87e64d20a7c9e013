package dev.reactorstudio.studio.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of the args table: name, type and the value as the author typed it. Immutable; edits replace rows. */
public record ArgRow(String name, ArgType type, String value) {

    static ArgRow of(String name, JsonNode json) {
        return new ArgRow(name, ArgType.of(json), ArgType.text(json));
    }
}
