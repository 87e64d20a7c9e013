package dev.reactorstudio.runtime.coordinator;

/**
 * Mints the LiveKit client token the seed-era {@code /ws} hands out in
 * {@code gpu-machine-assigned}. The LiveKit-compatible media server owns the keys and supplies
 * the implementation; without one, {@code /ws} reports that LiveKit is not available.
 */
@FunctionalInterface
public interface TokenMinter {

    /** A signed token letting {@code identity} join {@code room}. */
    String clientToken(String room, String identity);

    static TokenMinter unavailable() {
        return (room, identity) -> {
            throw new IllegalStateException("no LiveKit media server runs in this process");
        };
    }
}
