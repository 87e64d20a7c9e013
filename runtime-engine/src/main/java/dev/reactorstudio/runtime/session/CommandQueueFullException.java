package dev.reactorstudio.runtime.session;

/**
 * A command arrived while the session's queue already held as many commands as it may: the model
 * is slower than the commands come. The command is refused, not queued without bound.
 */
public final class CommandQueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandQueueFullException(String command, int limit) {
        super("command " + command + " refused: " + limit + " commands are already waiting for the model; "
                + "send fewer, wait for the model to catch up, or raise reactor run --max-queued-commands");
    }
}
