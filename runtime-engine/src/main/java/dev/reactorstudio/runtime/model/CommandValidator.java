package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a call's arguments object against one command and produces the method's arguments.
 * It collects every problem before rejecting, so a client fixes its call in one round trip.
 */
final class CommandValidator {

    private CommandValidator() {}

    static Object[] bind(CommandBinding command, JsonNode args) throws CommandRejectedException {
        return bind(command, args, Map.of());
    }

    /**
     * @param files the call's resolved uploads by parameter name (the transport resolved and
     *              authorised them); each must name a file parameter
     */
    static Object[] bind(CommandBinding command, JsonNode args, Map<String, UploadedFile> files)
            throws CommandRejectedException {
        List<String> problems = new ArrayList<>();
        if (args != null && !args.isNull() && !args.isMissingNode() && !args.isObject()) {
            problems.add("arguments must be a JSON object, got " + ArgumentConverter.show(args));
            throw new CommandRejectedException(command.name(), problems);
        }
        boolean hasArgs = args != null && args.isObject();
        if (hasArgs) {
            reportUnknown(command, args, problems);
        }
        reportUnknownFiles(command, files, problems);
        List<ParamBinding> params = command.params();
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            ParamBinding param = params.get(i);
            if (param.spec().type() == ParamType.FILE && (!hasArgs || !args.has(param.name()))) {
                values[i] = files.get(param.name());
                if (values[i] == null && param.spec().required()) {
                    problems.add(param.name() + ": missing (required): upload a file and pass its reference");
                }
                continue;
            }
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

    private static void reportUnknownFiles(CommandBinding command, Map<String, UploadedFile> files,
                                           List<String> problems) {
        List<String> fileParams = command.params().stream()
                .filter(p -> p.spec().type() == ParamType.FILE).map(ParamBinding::name).toList();
        for (String name : files.keySet()) {
            if (!fileParams.contains(name)) {
                problems.add(fileParams.isEmpty()
                        ? name + ": unexpected upload — " + command.name() + " takes no files"
                        : name + ": unexpected upload — file parameters: " + String.join(", ", fileParams));
            }
        }
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
