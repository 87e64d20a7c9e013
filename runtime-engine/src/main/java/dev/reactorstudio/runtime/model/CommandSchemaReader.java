package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model class's {@code @Command} methods into bindings, once, at load. Every mistake an
 * author can make in the annotations (an unsupported type, a default outside the bounds, two
 * commands with one name) fails the load here, naming the method and parameter, so no client
 * ever meets a schema that contradicts itself.
 */
final class CommandSchemaReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class);
    private static final Set<Class<?>> BOOLEANS = Set.of(boolean.class, Boolean.class);

    private CommandSchemaReader() {}

    /** The model's commands sorted by name: reflection gives methods in no defined order. */
    static List<CommandBinding> read(Class<?> modelClass) throws ModelLoadException {
        rejectNonPublicCommands(modelClass);
        List<CommandBinding> commands = new ArrayList<>();
        Map<String, Method> seen = new HashMap<>();
        for (Method method : modelClass.getMethods()) {
            Command command = method.getAnnotation(Command.class);
            if (command == null || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            String name = command.name();
            if (name.isBlank()) {
                throw new ModelLoadException(where(method) + ": @Command name must not be blank");
            }
            Method previous = seen.put(name, method);
            if (previous != null) {
                throw new ModelLoadException("duplicate command name \"" + name + "\": " + where(previous)
                        + " and " + where(method) + " — each @Command needs its own name");
            }
            commands.add(readCommand(method, command));
        }
        commands.sort(Comparator.comparing(CommandBinding::name));
        return commands;
    }

    /** {@code getMethods()} only sees public methods, so a non-public @Command would silently vanish. */
    private static void rejectNonPublicCommands(Class<?> modelClass) throws ModelLoadException {
        for (Class<?> c = modelClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Command.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new ModelLoadException(where(method) + " is annotated @Command but is not public: make it public");
                }
            }
        }
    }

    private static CommandBinding readCommand(Method method, Command command) throws ModelLoadException {
        // The model class may be package-private (a helper in a model source file); its public
        // methods are still the author's intended API.
        method.trySetAccessible();
        List<ParamBinding> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            ParamBinding param = readParam(method, parameter);
            if (!names.add(param.name())) {
                throw new ModelLoadException(where(method) + ": two parameters are named \"" + param.name() + "\"");
            }
            params.add(param);
        }
        CommandSpec spec = new CommandSpec(command.name(), command.description(),
                params.stream().map(ParamBinding::spec).toList());
        return new CommandBinding(spec, new MethodInvoker(command.name(), method), params);
    }

    private static ParamBinding readParam(Method method, Parameter parameter) throws ModelLoadException {
        Param annotation = parameter.getAnnotation(Param.class);
        String name = paramName(method, parameter, annotation);
        String where = where(method) + ", parameter \"" + name + "\"";
        Class<?> type = parameter.getType();
        ParamType wireType = wireType(type);
        if (wireType == null) {
            throw new ModelLoadException(where + ": unsupported type " + type.getSimpleName()
                    + " — command parameters may be int, long, double, float, boolean, String, an enum or UploadedFile");
        }
        if (annotation == null) {
            ParamSpec spec = new ParamSpec(name, wireType, "", null, null, enumChoices(type), true, null);
            return new ParamBinding(spec, type, null);
        }
        Double min = Double.isNaN(annotation.min()) ? null : annotation.min();
        Double max = Double.isNaN(annotation.max()) ? null : annotation.max();
        if ((min != null || max != null) && wireType != ParamType.INTEGER && wireType != ParamType.NUMBER) {
            throw new ModelLoadException(where + ": min/max only apply to numbers, not " + type.getSimpleName());
        }
        if (min != null && max != null && min > max) {
            throw new ModelLoadException(where + ": min " + ArgumentConverter.format(min) + " > max "
                    + ArgumentConverter.format(max));
        }
        List<String> choices = enumChoices(type);
        if (annotation.choices().length > 0) {
            if (type != String.class) {
                throw new ModelLoadException(where + ": choices only apply to String parameters"
                        + (type.isEnum() ? " (an enum's constants are its choices already)" : ""));
            }
            choices = List.of(annotation.choices());
        }
        boolean hasDefault = !Param.NO_DEFAULT.equals(annotation.defaultValue());
        if (hasDefault && wireType == ParamType.FILE) {
            throw new ModelLoadException(where + ": a file parameter cannot have a default — mark it "
                    + "required = false and handle null instead");
        }
        ParamSpec draft = new ParamSpec(name, wireType, annotation.description(), min, max, choices,
                annotation.required() && !hasDefault, null);
        if (!hasDefault) {
            return new ParamBinding(draft, type, ParamBinding.zeroOf(type));
        }
        Object defaultValue = convertDefault(where, new ParamBinding(draft, type, null), annotation.defaultValue());
        ParamSpec spec = new ParamSpec(name, wireType, draft.description(), min, max, choices, false,
                ArgumentConverter.toJson(defaultValue));
        return new ParamBinding(spec, type, defaultValue);
    }

    private static String paramName(Method method, Parameter parameter, Param annotation) throws ModelLoadException {
        if (annotation != null && !annotation.name().isBlank()) {
            return annotation.name();
        }
        if (!parameter.isNamePresent()) {
            throw new ModelLoadException(where(method) + ": the name of parameter " + parameter.getName()
                    + " is unknown (the class was compiled without -parameters): add @Param(name = \"...\")");
        }
        return parameter.getName();
    }

    /** A default is written as JSON text or, for strings, bare: {@code "1.5"}, {@code "true"}, {@code "warm"}. */
    private static Object convertDefault(String where, ParamBinding param, String text) throws ModelLoadException {
        JsonNode node = parseDefault(text);
        if (param.spec().type() == ParamType.STRING && !node.isTextual()) {
            node = TextNode.valueOf(text);
        }
        List<String> problems = new ArrayList<>();
        Object value = node.isNull() ? null : ArgumentConverter.convert(param, node, problems);
        if (value == null) {
            String reason = problems.isEmpty() ? "null is not a value" : String.join("; ", problems);
            throw new ModelLoadException(where + ": default " + text + " is invalid: " + reason);
        }
        return value;
    }

    private static JsonNode parseDefault(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static ParamType wireType(Class<?> type) {
        if (INTEGERS.contains(type)) {
            return ParamType.INTEGER;
        } else if (NUMBERS.contains(type)) {
            return ParamType.NUMBER;
        } else if (BOOLEANS.contains(type)) {
            return ParamType.BOOLEAN;
        } else if (type == String.class || type.isEnum()) {
            return ParamType.STRING;
        } else if (type == UploadedFile.class) {
            return ParamType.FILE;
        }
        return null;
    }

    private static List<String> enumChoices(Class<?> type) {
        if (!type.isEnum()) {
            return List.of();
        }
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    private static String where(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}
