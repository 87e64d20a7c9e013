package dev.reactorstudio.runtime.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The seam between the author API and the runtime that hosts it. The runtime installs the
 * active session context and a weights resolver here; model authors never call this.
 * It keeps {@code api} free of any dependency on the engine's internals.
 */
public final class RuntimeBinding {
    private static final InheritableThreadLocal<SessionContext> THREAD_CONTEXT = new InheritableThreadLocal<>();
    private static volatile SessionContext processContext;
    /** The resolver of the model being constructed on this thread (and threads its constructor starts). */
    private static final InheritableThreadLocal<Function<String, Path>> THREAD_WEIGHTS = new InheritableThreadLocal<>();
    /**
     * Each loaded model's resolver, by the class loader of its classes: several hosts (studio Runs,
     * tests) share a JVM, and each model must get its own folder's weights. Weak: a closed model's
     * loader goes away with it.
     */
    private static final Map<ClassLoader, Function<String, Path>> MODEL_WEIGHTS = new WeakHashMap<>();

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

    /** Binds the weights of the model being constructed to the calling thread; {@link #unbindWeights()} after. */
    public static void bindWeights(Function<String, Path> resolver) {
        THREAD_WEIGHTS.set(resolver);
    }

    public static void unbindWeights() {
        THREAD_WEIGHTS.remove();
    }

    /** Registers a loaded model's weights for calls from its classes (sessions, commands, its own threads). */
    public static void registerWeights(ClassLoader modelLoader, Function<String, Path> resolver) {
        synchronized (MODEL_WEIGHTS) {
            MODEL_WEIGHTS.put(modelLoader, resolver);
        }
    }

    public static void unregisterWeights(ClassLoader modelLoader) {
        synchronized (MODEL_WEIGHTS) {
            MODEL_WEIGHTS.remove(modelLoader);
        }
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
        Function<String, Path> resolver = THREAD_WEIGHTS.get();
        if (resolver == null) {
            resolver = callersModel().orElseThrow(() -> new IllegalStateException("VideoModel.weights(\"" + name
                    + "\") called outside the Reactor runtime (or from a class that is not the model's)"));
        }
        return resolver.apply(name);
    }

    /** The resolver registered for the class loader of the nearest caller that belongs to a loaded model. */
    private static Optional<Function<String, Path>> callersModel() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(frame -> frame.getDeclaringClass().getClassLoader())
                .map(loader -> {
                    synchronized (MODEL_WEIGHTS) {
                        return loader == null ? null : MODEL_WEIGHTS.get(loader);
                    }
                })
                .filter(Objects::nonNull)
                .findFirst());
    }
}
