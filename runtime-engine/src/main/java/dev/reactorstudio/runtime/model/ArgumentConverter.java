package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Converts one JSON argument to the Java value its parameter takes, checking type, range and
 * choices. Strict on purpose: a client that sends {@code "3"} for an integer has a bug worth
 * seeing, while {@code 3.0} is the same number and accepted. Used for every call and, at load,
 * for the defaults, so a default can never be something a client could not send.
 */
final class ArgumentConverter {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_SHOWN_VALUE = 60;

    private ArgumentConverter() {}

    /**
     * The converted value of {@code value} (present and not JSON null), or null after adding
     * problems of the form {@code "speed: 12 > maximum 10"} to {@code problems}.
     */
    static Object convert(ParamBinding param, JsonNode value, List<String> problems) {
        ParamSpec spec = param.spec();
        return switch (spec.type()) {
            case INTEGER -> toInteger(param, value, problems);
            case NUMBER -> toNumber(param, value, problems);
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : mismatch(spec, value, problems);
            case STRING -> toText(param, value, problems);
            // Files never come inline: a path in data would let a client name any file on this machine.
            case FILE -> {
                problems.add(spec.name() + ": a file parameter takes an upload (uploads." + spec.name()
                        + ", e.g. a FileRef from reactor.uploadFile), not a value in data");
                yield null;
            }
        };
    }

    /** The canonical JSON form of a converted value, for the schema's {@code default}. */
    static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        } else if (value instanceof Long l) {
            return integral(l);
        } else if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof Enum<?> e) {
            return nodes.textNode(e.name());
        }
        return nodes.textNode(String.valueOf(value));
    }

    /** A number node that prints integral values without ".0", as a JavaScript client writes them. */
    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return integral((long) value);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    /** The smallest node that holds the value, as a parser reading the JSON text would build it. */
    private static JsonNode integral(long value) {
        return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    /** {@code 10} rather than {@code 10.0} in messages. */
    static String format(double value) {
        return number(value).toString();
    }

    private static Object toInteger(ParamBinding param, JsonNode value, List<String> problems) {
        ParamSpec spec = param.spec();
        if (!value.isNumber()) {
            return mismatch(spec, value, problems);
        }
        if (!isFinite(value)) {
            return nonFinite(spec, value, problems);
        }
        BigInteger integer;
        try {
            integer = value.decimalValue().toBigIntegerExact();
        } catch (ArithmeticException fractional) {
            return mismatch(spec, value, problems);
        }
        boolean isInt = param.javaType() == int.class || param.javaType() == Integer.class;
        BigInteger lowest = isInt ? INT_MIN : LONG_MIN;
        BigInteger highest = isInt ? INT_MAX : LONG_MAX;
        if (integer.compareTo(lowest) < 0 || integer.compareTo(highest) > 0) {
            problems.add(spec.name() + ": " + integer + " is out of range for " + (isInt ? "int" : "long")
                    + " (" + lowest + ".." + highest + ")");
            return null;
        }
        if (!withinBounds(spec, new BigDecimal(integer), integer.toString(), problems)) {
            return null;
        }
        return isInt ? (Object) integer.intValue() : (Object) integer.longValue();
    }

    private static Object toNumber(ParamBinding param, JsonNode value, List<String> problems) {
        ParamSpec spec = param.spec();
        if (!value.isNumber()) {
            return mismatch(spec, value, problems);
        }
        if (!isFinite(value)) {
            return nonFinite(spec, value, problems);
        }
        double number = value.doubleValue();
        boolean isFloat = param.javaType() == float.class || param.javaType() == Float.class;
        if (Double.isInfinite(number) || (isFloat && Math.abs(number) > Float.MAX_VALUE)) {
            problems.add(spec.name() + ": " + show(value) + " is out of range for " + (isFloat ? "float" : "double"));
            return null;
        }
        if (!withinBounds(spec, value.decimalValue(), show(value), problems)) {
            return null;
        }
        return isFloat ? (Object) (float) number : (Object) number;
    }

    private static Object toText(ParamBinding param, JsonNode value, List<String> problems) {
        ParamSpec spec = param.spec();
        if (!value.isTextual()) {
            return mismatch(spec, value, problems);
        }
        String text = value.textValue();
        if (!spec.choices().isEmpty() && !spec.choices().contains(text)) {
            problems.add(spec.name() + ": " + show(value) + " is not one of " + choicesJson(spec.choices()));
            return null;
        }
        if (param.javaType().isEnum()) {
            for (Object constant : param.javaType().getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
        }
        return text;
    }

    private static boolean withinBounds(ParamSpec spec, BigDecimal value, String shown, List<String> problems) {
        if (spec.min() != null && value.compareTo(BigDecimal.valueOf(spec.min())) < 0) {
            problems.add(spec.name() + ": " + shown + " < minimum " + format(spec.min()));
            return false;
        }
        if (spec.max() != null && value.compareTo(BigDecimal.valueOf(spec.max())) > 0) {
            problems.add(spec.name() + ": " + shown + " > maximum " + format(spec.max()));
            return false;
        }
        return true;
    }

    /** NaN and the infinities only reach us from lenient parsers or trees built in code. */
    private static boolean isFinite(JsonNode value) {
        return !(value.isDouble() || value.isFloat()) || Double.isFinite(value.doubleValue());
    }

    private static Object nonFinite(ParamSpec spec, JsonNode value, List<String> problems) {
        problems.add(spec.name() + ": expected a finite number, got " + show(value));
        return null;
    }

    private static Object mismatch(ParamSpec spec, JsonNode value, List<String> problems) {
        problems.add(spec.name() + ": expected " + spec.type().withArticle() + ", got " + show(value));
        return null;
    }

    static String choicesJson(List<String> choices) {
        return choices.stream().map(c -> JsonNodeFactory.instance.textNode(c).toString())
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The value as JSON text, shortened so a pasted blob does not flood the message. */
    static String show(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "…";
    }
}
