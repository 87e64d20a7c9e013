package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A validated command call, ready to run: the arguments are already converted to the method's
 * Java types. Obtained from {@link CommandRegistry#validate}; the session layer runs it on the
 * session's command thread.
 */
public final class CommandCall {
    private final String name;
    private final Method method;
    private final Object[] arguments;

    CommandCall(String name, Method method, Object[] arguments) {
        this.name = name;
        this.method = method;
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
     * Calls the command method on {@code model} and returns its result (null for void).
     * The model's class loader is the context class loader meanwhile, as it was for the
     * constructor, so libraries the model uses find its classes.
     *
     * @throws Exception whatever the model method threw, unwrapped
     */
    public Object invoke(VideoModel model) throws Exception {
        if (!method.getDeclaringClass().isInstance(model)) {
            throw new IllegalArgumentException("command \"" + name + "\" belongs to "
                    + method.getDeclaringClass().getName() + ", not to " + model.getClass().getName());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(model.getClass().getClassLoader());
        try {
            return method.invoke(model, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(arguments);
    }
}
