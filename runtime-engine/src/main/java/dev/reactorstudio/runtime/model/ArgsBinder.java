package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses the model's constructor and turns the manifest {@code args} into its argument. A record
 * or POJO parameter is mapped by Jackson, strictly: an unknown field is almost always a typo in
 * {@code manifest.json} and "3" for a number a quoting slip, so both fail with the field's path
 * instead of silently running the model with a default.
 */
final class ArgsBinder {

    /** The constructor to call and its arguments (empty for a no-arg constructor). */
    record Binding(Constructor<?> constructor, Object[] arguments, boolean argsIgnored) {}

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ArgsBinder() {}

    static Binding bind(Class<?> modelClass, JsonNode args) throws ModelLoadException {
        ObjectNode object = asObject(args);
        Constructor<?> constructor = choose(modelClass);
        // A package-private model class (a helper-style class in a source file) still has a public
        // constructor the author meant us to call.
        constructor.trySetAccessible();
        if (constructor.getParameterCount() == 0) {
            return new Binding(constructor, new Object[0], !object.isEmpty());
        }
        return new Binding(constructor, new Object[] {convert(constructor, object)}, false);
    }

    private static ObjectNode asObject(JsonNode args) throws ModelLoadException {
        if (args == null || args.isNull() || args.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!args.isObject()) {
            throw new ModelLoadException("args: expected an object, got " + ArgumentConverter.show(args));
        }
        // A copy: the model may keep and edit what it gets, the manifest must not change under us.
        return ((ObjectNode) args).deepCopy();
    }

    /** One-arg constructors win over the no-arg one: having one says how the model wants its args. */
    private static Constructor<?> choose(Class<?> modelClass) throws ModelLoadException {
        List<Constructor<?>> oneArg = new ArrayList<>();
        Constructor<?> noArg = null;
        for (Constructor<?> c : modelClass.getConstructors()) {
            if (c.getParameterCount() == 1) {
                oneArg.add(c);
            } else if (c.getParameterCount() == 0) {
                noArg = c;
            }
        }
        if (oneArg.size() > 1) {
            for (Class<?> preferred : List.of(JsonNode.class, ObjectNode.class, Map.class)) {
                for (Constructor<?> c : oneArg) {
                    if (c.getParameterTypes()[0] == preferred) {
                        return c;
                    }
                }
            }
            throw new ModelLoadException(modelClass.getSimpleName() + " has several one-argument public constructors ("
                    + oneArg.stream().map(c -> c.getParameterTypes()[0].getSimpleName()).collect(Collectors.joining(", "))
                    + "); keep one, so it is clear which receives the manifest args");
        }
        if (oneArg.size() == 1) {
            return oneArg.get(0);
        }
        if (noArg != null) {
            return noArg;
        }
        throw new ModelLoadException(modelClass.getSimpleName() + " needs a public constructor taking no arguments "
                + "or one (a record/POJO for the manifest args, or JsonNode, or Map)");
    }

    private static Object convert(Constructor<?> constructor, ObjectNode args) throws ModelLoadException {
        Class<?> type = constructor.getParameterTypes()[0];
        if (type == JsonNode.class || type == ObjectNode.class) {
            return args;
        }
        if (type == Map.class) {
            return STRICT.convertValue(args, new TypeReference<Map<String, Object>>() {});
        }
        JavaType target = STRICT.constructType(constructor.getGenericParameterTypes()[0]);
        UnknownFields unknown = new UnknownFields();
        Object value;
        try {
            value = STRICT.readerFor(target).withHandler(unknown).readValue(args);
        } catch (IOException e) {
            // Unknown fields first: a typo'd name is usually why a required one looks missing.
            List<String> problems = new ArrayList<>(unknownFields(target, args));
            problems.add(describe(e, args));
            throw new ModelLoadException(String.join("\n", problems), e);
        }
        if (!unknown.problems.isEmpty()) {
            throw new ModelLoadException(String.join("\n", unknown.problems));
        }
        return value;
    }

    /**
     * Jackson checks a record's unknown fields only after building it, so when building fails the
     * unknown ones are found by a second, lenient read that cannot fail on a missing primitive.
     */
    private static List<String> unknownFields(JavaType target, JsonNode args) {
        UnknownFields unknown = new UnknownFields();
        try {
            STRICT.readerFor(target).without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .withHandler(unknown).readValue(args);
        } catch (IOException | RuntimeException ignored) {
            // Only the unknown fields seen before the failure matter here; the caller reports the failure.
        }
        return unknown.problems;
    }

    /** Records every unknown field, so one run shows all typos rather than one per edit. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        final List<String> problems = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            Collection<Object> known = deserializer.getKnownPropertyNames();
            String accepted = known == null || known.isEmpty() ? "the model accepts no arguments here"
                    : "the model accepts: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            problems.add(path(p.getParsingContext(), propertyName) + ": unknown argument — " + accepted);
            p.skipChildren();
            return true;
        }
    }

    private static String path(JsonStreamContext context, String propertyName) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
        }
        String joined = "args" + String.join("", parts);
        return joined.endsWith("." + propertyName) ? joined : joined + "." + propertyName;
    }

    private static String describe(IOException e, JsonNode args) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "args: " + e.getMessage();
        }
        String path = path(mapping.getPath());
        if (mapping instanceof ValueInstantiationException) {
            Throwable cause = mapping.getCause() != null ? mapping.getCause() : mapping;
            return path + ": rejected by the args class: " + cause.getMessage();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return path + ": unknown argument";
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            JsonNode value = at(args, mapping.getPath());
            Class<?> type = mismatch.getTargetType();
            if (value == null && type.isPrimitive()) {
                return path + ": missing — " + type.getName() + " has no empty value; give it in args, or declare it "
                        + "as a boxed type to make it optional";
            }
            return path + ": expected " + expected(type) + (value == null ? "" : ", got " + ArgumentConverter.show(value));
        }
        return path + ": " + mapping.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("args");
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> references) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : references) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
                BigInteger.class).contains(type)) {
            return "an integer";
        } else if (List.of(double.class, Double.class, float.class, Float.class, BigDecimal.class).contains(type)) {
            return "a number";
        } else if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        } else if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        } else if (type.isEnum()) {
            return "one of " + ArgumentConverter.choicesJson(Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).toList());
        } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
