package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a call's arguments object against one command and produces the method's arguments.
 * It collects every problem before rejecting, so a client fixes its call in one round trip.
 */
final class CommandValidator {

    private CommandValidator() {}

    static Object[] bind(CommandBinding command, JsonNode args) throws CommandRejectedException {
        List<String> problems = new ArrayList<>();
        if (args != null && !args.isNull() && !args.isMissingNode() && !args.isObject()) {
            problems.add("arguments must be a JSON object, got " + ArgumentConverter.show(args));
            throw new CommandRejectedException(command.name(), problems);
        }
        boolean hasArgs = args != null && args.isObject();
        if (hasArgs) {
            reportUnknown(command, args, problems);
        }
        List<ParamBinding> params = command.params();
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            ParamBinding param = params.get(i);
            JsonNode value = hasArgs ? args.get(param.name()) : null;
            // An explicit null is "not given": a form that clears a field means "use the default".
            if (value == null || value.isNull()) {
                if (param.spec().required()) {
                    problems.add(param.name() + ": missing (required)");
                }
                values[i] = param.valueWhenAbsent();
            } else {
                values[i] = ArgumentConverter.convert(param, value, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandRejectedException(command.name(), problems);
        }
        return values;
    }

    private static void reportUnknown(CommandBinding command, JsonNode args, List<String> problems) {
        List<String> accepted = command.params().stream().map(ParamBinding::name).toList();
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                problems.add(accepted.isEmpty()
                        ? name + ": unknown parameter — " + command.name() + " takes no parameters"
                        : name + ": unknown parameter — accepted: " + String.join(", ", accepted));
            }
        }
    }
}
