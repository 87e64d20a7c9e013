package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;
import java.util.Arrays;

/**
 * A validated command call, ready to run: the arguments are already converted to the types the
 * command takes. Obtained from {@link CommandRegistry#validate}; the session layer runs it on
 * the session's command thread.
 */
public final class CommandCall {
    private final String name;
    private final CommandInvoker invoker;
    private final Object[] arguments;

    CommandCall(String name, CommandInvoker invoker, Object[] arguments) {
        this.name = name;
        this.invoker = invoker;
        this.arguments = arguments.clone();
    }

    /** The command's wire name. */
    public String name() {
        return name;
    }

    /** The converted arguments in parameter order (a copy). */
    public Object[] arguments() {
        return arguments.clone();
    }

    /**
     * Runs the command on {@code model} and returns its result (null for none).
     *
     * @throws Exception whatever the command threw, unwrapped
     */
    public Object invoke(VideoModel model) throws Exception {
        return invoker.invoke(model, arguments.clone());
    }

    @Override
    public String toString() {
        return name + Arrays.toString(arguments);
    }
}
