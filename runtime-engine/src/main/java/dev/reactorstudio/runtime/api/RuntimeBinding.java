package dev.reactorstudio.runtime.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The seam between the author API and the runtime that hosts it. The runtime installs the
 * active session context and a weights resolver here; model authors never call this.
 * It keeps {@code api} free of any dependency on the engine's internals.
 */
public final class RuntimeBinding {
    private static final InheritableThreadLocal<SessionContext> THREAD_CONTEXT = new InheritableThreadLocal<>();
    private static volatile SessionContext processContext;
    private static volatile Function<String, Path> weightsResolver;

    private RuntimeBinding() {}

    /** Binds {@code context} to the calling thread (and threads it starts). */
    public static void bindThread(SessionContext context) {
        THREAD_CONTEXT.set(context);
    }

    public static void unbindThread() {
        THREAD_CONTEXT.remove();
    }

    /** Sets the process-wide fallback used by threads the model created outside the session thread. */
    public static void setProcessContext(SessionContext context) {
        processContext = context;
    }

    /** Clears the process-wide context if it is still {@code context}. */
    public static synchronized void clearProcessContext(SessionContext context) {
        if (processContext == context) {
            processContext = null;
        }
    }

    public static void setWeightsResolver(Function<String, Path> resolver) {
        weightsResolver = resolver;
    }

    static SessionContext currentContext() {
        SessionContext context = THREAD_CONTEXT.get();
        if (context == null) {
            context = processContext;
        }
        if (context == null) {
            throw new IllegalStateException(
                    "Reactor.ctx() called outside a session: call it from startSession(), a @Command "
                            + "method, or code they run");
        }
        return context;
    }

    static Path weights(String name) {
        Objects.requireNonNull(name, "weight name");
        Function<String, Path> resolver = weightsResolver;
        if (resolver == null) {
            throw new IllegalStateException("VideoModel.weights(\"" + name + "\") called outside the Reactor runtime");
        }
        return resolver.apply(name);
    }
}
