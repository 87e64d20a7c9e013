package dev.reactorstudio.runtime.fleet;

/**
 * One runtime of the fleet as the state store keeps it.
 *
 * @param state     {@code idle}, {@code busy} or {@code lost}
 * @param sessionId the fleet session it serves while busy, else empty
 * @param heartbeatMs wall-clock millis of its last heartbeat
 */
public record RuntimeEntry(String id, String model, String version, String url, String state, String sessionId,
                           long heartbeatMs) {
    public static final String IDLE = "idle";
    public static final String BUSY = "busy";
    public static final String LOST = "lost";
}
