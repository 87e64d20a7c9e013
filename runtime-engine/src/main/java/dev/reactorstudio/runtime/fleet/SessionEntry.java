package dev.reactorstudio.runtime.fleet;

/**
 * One client session as the state store keeps it.
 *
 * @param state          {@link #WAITING} (queued), {@link #ASSIGNING} (a runtime is starting it),
 *                       {@link #ACTIVE} (the runtime serves it), {@link #CLOSED}
 * @param subject        the {@code sub} of the token that created it; only that subject may see or end it
 * @param runtimeId      the runtime it was given, or empty
 * @param runtimeSession the runtime's id for it (the transport routes' path on the runtime), or empty
 * @param capabilities   the SDK capabilities JSON the runtime answered, or empty
 * @param reason         why it closed, or empty
 */
public record SessionEntry(String id, String model, String subject, String state, long createdMs, String runtimeId,
                           String runtimeSession, String capabilities, String reason) {
    public static final String WAITING = "WAITING";
    public static final String ASSIGNING = "ASSIGNING";
    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    public boolean closed() {
        return CLOSED.equals(state);
    }
}
