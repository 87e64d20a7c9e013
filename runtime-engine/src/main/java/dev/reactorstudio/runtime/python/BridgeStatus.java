package dev.reactorstudio.runtime.python;

/**
 * Whether a Python model's process can serve, for health reports.
 *
 * @param state   what the bridge is doing
 * @param attempt the current restart attempt (1-based) while {@link State#RESTARTING}, else 0
 * @param detail  a sentence for {@code /health}, e.g. {@code restarting python model (attempt 2): ...}
 */
public record BridgeStatus(State state, int attempt, String detail) {

    public enum State { RUNNING, RESTARTING, CLOSED }

    public boolean running() {
        return state == State.RUNNING;
    }
}
