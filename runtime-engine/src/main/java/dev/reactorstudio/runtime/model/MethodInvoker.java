package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls a Java model's {@code @Command} method. The model's class loader is the context class
 * loader meanwhile, as it was for the constructor, so libraries the model uses find its classes.
 */
final class MethodInvoker implements CommandInvoker {
    private final String name;
    private final Method method;

    MethodInvoker(String name, Method method) {
        this.name = name;
        this.method = method;
    }

    @Override
    public Object invoke(VideoModel model, Object[] arguments) throws Exception {
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
}
