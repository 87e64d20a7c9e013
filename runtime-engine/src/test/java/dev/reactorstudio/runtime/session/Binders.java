package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** Command binders for tests: a fixed table of commands, everything else is invalid. */
final class Binders {
    private Binders() {}

    static CommandBinder of(Map<String, Function<JsonNode, Callable<Object>>> commands) {
        return (name, args) -> {
            Function<JsonNode, Callable<Object>> command = commands.get(name);
            if (command == null) {
                throw new InvalidCommandException("unknown command '" + name + "'", List.of(name + ": unknown command"));
            }
            return command.apply(args);
        };
    }

    static CommandBinder none() {
        return of(Map.of());
    }

    /** Requires an int "value" argument. */
    static int intArg(JsonNode args, String command) {
        JsonNode value = args == null ? null : args.get("value");
        if (value == null || !value.isInt()) {
            throw new InvalidCommandException(command + ": 'value' must be an int",
                    List.of("value: expected int, got " + value));
        }
        return value.intValue();
    }
}
