package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a command schema reported by a model process (a Python model's {@code @command}
 * annotations, read in its own interpreter) into the same bindings Java models get. It applies
 * the checks {@link CommandSchemaReader} applies to annotations — bounds only on numbers, min ≤
 * max, defaults valid against their own parameter — so a client can never meet a schema that
 * contradicts itself, whatever language declared it.
 *
 * <p>Shape of one command: {@code {"name", "description", "where": "model.py:12", "params":
 * [{"name", "type": "integer|number|string|boolean|file", "description", "minimum", "maximum",
 * "enum": [...], "required", "default"}]}}.
 */
final class ReportedSchemaReader {

    private ReportedSchemaReader() {}

    static List<CommandBinding> read(JsonNode commands, Function<CommandSpec, CommandInvoker> invokers)
            throws ModelLoadException {
        if (commands == null || commands.isNull() || commands.isMissingNode()) {
            return List.of();
        }
        if (!commands.isArray()) {
            throw new ModelLoadException("the model process reported a command schema that is not a list: " + commands);
        }
        List<CommandBinding> bindings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode command : commands) {
            String name = command.path("name").asText("");
            String where = command.path("where").asText("?") + " @command \"" + name + "\"";
            if (name.isBlank()) {
                throw new ModelLoadException(where + ": the command name must not be blank");
            }
            if (!names.add(name)) {
                throw new ModelLoadException(where + ": duplicate command name \"" + name + "\"");
            }
            List<ParamBinding> params = readParams(where, command.path("params"));
            CommandSpec spec = new CommandSpec(name, command.path("description").asText(""),
                    params.stream().map(ParamBinding::spec).toList());
            bindings.add(new CommandBinding(spec, invokers.apply(spec), params));
        }
        bindings.sort(Comparator.comparing(CommandBinding::name));
        return bindings;
    }

    private static List<ParamBinding> readParams(String where, JsonNode params) throws ModelLoadException {
        List<ParamBinding> bindings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode param : params) {
            ParamBinding binding = readParam(where + ", parameter \"" + param.path("name").asText() + "\"", param);
            if (!names.add(binding.name())) {
                throw new ModelLoadException(where + ": two parameters are named \"" + binding.name() + "\"");
            }
            bindings.add(binding);
        }
        return bindings;
    }

    private static ParamBinding readParam(String where, JsonNode param) throws ModelLoadException {
        String name = param.path("name").asText("");
        ParamType type = switch (param.path("type").asText()) {
            case "integer" -> ParamType.INTEGER;
            case "number" -> ParamType.NUMBER;
            case "string" -> ParamType.STRING;
            case "boolean" -> ParamType.BOOLEAN;
            case "file" -> ParamType.FILE;
            default -> throw new ModelLoadException(where + ": unsupported type " + param.path("type"));
        };
        Double min = param.path("minimum").isNumber() ? param.get("minimum").doubleValue() : null;
        Double max = param.path("maximum").isNumber() ? param.get("maximum").doubleValue() : null;
        boolean numeric = type == ParamType.INTEGER || type == ParamType.NUMBER;
        if ((min != null || max != null) && !numeric) {
            throw new ModelLoadException(where + ": bounds only apply to numbers");
        }
        if (min != null && max != null && min > max) {
            throw new ModelLoadException(where + ": minimum " + ArgumentConverter.format(min) + " > maximum "
                    + ArgumentConverter.format(max));
        }
        List<String> choices = new ArrayList<>();
        param.path("enum").forEach(choice -> choices.add(choice.asText()));
        if (!choices.isEmpty() && type != ParamType.STRING) {
            throw new ModelLoadException(where + ": choices only apply to strings");
        }
        JsonNode defaultNode = param.get("default");
        boolean hasDefault = defaultNode != null && !defaultNode.isNull();
        if (hasDefault && type == ParamType.FILE) {
            throw new ModelLoadException(where + ": a file parameter cannot have a default (use Optional[UploadedFile] = None)");
        }
        boolean required = param.path("required").asBoolean(!hasDefault) && !hasDefault;
        ParamSpec draft = new ParamSpec(name, type, param.path("description").asText(""), min, max, choices,
                required, null);
        // Boxed types: an optional parameter without a default arrives as null, Python's None.
        ParamBinding binding = new ParamBinding(draft, javaType(type), null);
        if (!hasDefault) {
            return binding;
        }
        List<String> problems = new ArrayList<>();
        Object value = ArgumentConverter.convert(binding, defaultNode, problems);
        if (value == null) {
            throw new ModelLoadException(where + ": default " + defaultNode + " is invalid: " + String.join("; ", problems));
        }
        ParamSpec spec = new ParamSpec(name, type, draft.description(), min, max, choices, false,
                ArgumentConverter.toJson(value));
        return new ParamBinding(spec, javaType(type), value);
    }

    private static Class<?> javaType(ParamType type) {
        return switch (type) {
            case INTEGER -> Long.class;
            case NUMBER -> Double.class;
            case STRING -> String.class;
            case BOOLEAN -> Boolean.class;
            case FILE -> dev.reactorstudio.runtime.api.UploadedFile.class;
        };
    }
}
