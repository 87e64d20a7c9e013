package dev.reactorstudio.runtime.api;

/** Entry point to the running session, the {@code get_ctx()} of the Python runtime. */
public final class Reactor {
    private Reactor() {}

    /**
     * The context of the active session. Works on the session thread, the command thread and
     * threads the model starts from them.
     *
     * @throws IllegalStateException when no session is active
     */
    public static SessionContext ctx() {
        return RuntimeBinding.currentContext();
    }
}
