package dev.reactorstudio.runtime.model;

import java.util.List;

/**
 * A command call failed validation; the model was not touched. The message is meant for the
 * client as is; {@link #problems()} lists every problem found, not only the first, so a form can
 * mark all bad fields at once.
 */
public class CommandRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final List<String> problems;

    public CommandRejectedException(String command, List<String> problems) {
        super(message(command, problems));
        this.command = command;
        this.problems = List.copyOf(problems);
    }

    /** The command name as the client sent it. */
    public String command() {
        return command;
    }

    /** One line per problem, e.g. {@code speed: 12 > maximum 10}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String command, List<String> problems) {
        return "command \"" + command + "\" rejected: " + String.join("; ", problems);
    }
}
