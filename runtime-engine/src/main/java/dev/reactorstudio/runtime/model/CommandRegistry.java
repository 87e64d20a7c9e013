package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A model's commands: the schema derived once from its {@code @Command} methods, its JSON form
 * for clients, and the gate every call passes before the model sees it.
 */
public final class CommandRegistry {
    private final Map<String, CommandBinding> commands = new LinkedHashMap<>();
    private final ObjectNode capabilities;

    private CommandRegistry(List<CommandBinding> bindings) {
        bindings.forEach(binding -> commands.put(binding.name(), binding));
        capabilities = capabilitiesJson(bindings);
    }

    /**
     * Reads the {@code @Command} methods of {@code modelClass} (public ones, inherited included).
     *
     * @throws ModelLoadException naming the method and parameter when an annotation is inconsistent
     */
    public static CommandRegistry of(Class<?> modelClass) throws ModelLoadException {
        return new CommandRegistry(CommandSchemaReader.read(modelClass));
    }

    /**
     * A registry for a model whose commands were declared outside Java (a Python model reports its
     * schema on start). Validation and capabilities are exactly those of Java models.
     *
     * @param schema   the reported commands (see {@link ReportedSchemaReader} for the shape)
     * @param invokers what runs each command once a call passed validation
     * @throws ModelLoadException naming the command and parameter when the schema contradicts itself
     */
    public static CommandRegistry fromReportedSchema(JsonNode schema, Function<CommandSpec, CommandInvoker> invokers)
            throws ModelLoadException {
        return new CommandRegistry(ReportedSchemaReader.read(schema, invokers));
    }

    /** The commands, sorted by name. */
    public List<CommandSpec> commands() {
        return commands.values().stream().map(CommandBinding::spec).toList();
    }

    public Optional<CommandSpec> command(String name) {
        return Optional.ofNullable(commands.get(name)).map(CommandBinding::spec);
    }

    /**
     * The {@code data} of the JS SDK's {@code modelCapabilities} message:
     * {@code {"commands":[{"name","description","schema":{"<param>":{"type",...}}}]}}. A fresh copy
     * each time, so callers may wrap or edit it.
     */
    public ObjectNode capabilities() {
        return capabilities.deepCopy();
    }

    /**
     * Validates a call; the model is not touched either way.
     *
     * @param args the arguments object; null, missing or JSON null mean no arguments
     * @throws CommandRejectedException listing every problem (unknown command or parameter, missing,
     *                                  wrong type, out of range, not a choice)
     */
    public CommandCall validate(String name, JsonNode args) throws CommandRejectedException {
        return validate(name, args, Map.of());
    }

    /**
     * Validates a call whose file parameters arrived as uploads.
     *
     * @param files the uploads, resolved and authorised by the transport, by parameter name
     * @throws CommandRejectedException as {@link #validate(String, JsonNode)}, and for an upload that
     *                                  names no file parameter or a file parameter given inline
     */
    public CommandCall validate(String name, JsonNode args, Map<String, UploadedFile> files)
            throws CommandRejectedException {
        CommandBinding command = commands.get(name);
        if (command == null) {
            String known = commands.isEmpty() ? "the model has no commands"
                    : "known commands: " + String.join(", ", commands.keySet());
            throw new CommandRejectedException(String.valueOf(name), List.of("unknown command; " + known));
        }
        return new CommandCall(name, command.invoker(), CommandValidator.bind(command, args, files));
    }

    private static ObjectNode capabilitiesJson(List<CommandBinding> bindings) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        ArrayNode list = root.putArray("commands");
        for (CommandBinding binding : bindings) {
            CommandSpec spec = binding.spec();
            ObjectNode command = list.addObject();
            command.put("name", spec.name());
            // The SDK types description as a plain string, so it is always present.
            command.put("description", spec.description());
            ObjectNode schema = command.putObject("schema");
            spec.params().forEach(param -> schema.set(param.name(), paramJson(param)));
        }
        return root;
    }

    private static ObjectNode paramJson(ParamSpec param) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", param.type().jsonName());
        if (!param.description().isEmpty()) {
            json.put("description", param.description());
        }
        if (param.min() != null) {
            json.set("minimum", ArgumentConverter.number(param.min()));
        }
        if (param.max() != null) {
            json.set("maximum", ArgumentConverter.number(param.max()));
        }
        if (!param.choices().isEmpty()) {
            param.choices().forEach(json.putArray("enum")::add);
        }
        json.put("required", param.required());
        if (param.defaultValue() != null) {
            json.set("default", param.defaultValue().deepCopy());
        }
        return json;
    }
}
