package dev.reactorstudio.runtime.model;

import java.util.List;
import java.util.Objects;

/** One {@code @Command} of a model as clients see it: wire name, description and parameters in order. */
public record CommandSpec(String name, String description, List<ParamSpec> params) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        params = List.copyOf(params);
    }
}
