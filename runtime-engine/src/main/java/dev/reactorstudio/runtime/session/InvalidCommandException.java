package dev.reactorstudio.runtime.session;

import java.util.List;

/** A command call rejected by validation; the model was not touched. */
public final class InvalidCommandException extends RuntimeException {
    private final List<String> problems;

    public InvalidCommandException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, e.g. {@code speed: 12 > maximum 10}. */
    public List<String> problems() {
        return problems;
    }
}
