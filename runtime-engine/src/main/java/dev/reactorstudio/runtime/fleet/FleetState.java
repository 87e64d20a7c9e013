package dev.reactorstudio.runtime.fleet;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything coordinators share: runtimes, sessions, the FIFO queue per model and who serves
 * whom. Each method is atomic on its own (a lock in memory, a Lua script in Redis), so two
 * coordinators never hand one runtime two sessions nor one session two runtimes. Times are
 * wall-clock millis passed in by the caller.
 */
public interface FleetState extends AutoCloseable {

    /** Queues a new session at the tail of its model's queue; returns its position (1 = next). */
    long enqueue(String sessionId, String model, String subject, long nowMs);

    Optional<SessionEntry> session(String sessionId);

    /** Position in its model's queue (1 = next), or 0 when it is not waiting. */
    long position(String sessionId);

    /** A waiting client polled: it stays queued. */
    void touch(String sessionId, long nowMs);

    /** A session as a client's poll sees it, with its queue position (0 when not waiting). */
    record Poll(SessionEntry session, long position) {
    }

    /**
     * A client's poll ({@code GET /sessions/{id}}) in one step: the session and its position, and,
     * when it is waiting and belongs to {@code subject}, {@link #touch} (it stays queued). Redis
     * answers it in one round trip; the default composes the single steps.
     */
    default Optional<Poll> poll(String sessionId, String subject, long nowMs) {
        Optional<SessionEntry> session = session(sessionId);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        SessionEntry entry = session.get();
        if (SessionEntry.WAITING.equals(entry.state()) && entry.subject().equals(subject)) {
            touch(sessionId, nowMs);
        }
        return Optional.of(new Poll(entry, position(sessionId)));
    }

    /** Models with at least one waiting session. */
    Set<String> waitingModels();

    /** Pops the model's queue head onto an idle runtime of that model (state ASSIGNING), if both exist. */
    Optional<Assignment> assign(String model, long nowMs);

    /** The runtime started the session: ACTIVE. False when it closed meanwhile (the caller stops it again). */
    boolean activate(String sessionId, String runtimeId, String runtimeSession, String capabilities);

    /** The runtime could not start it: back to its old place in the queue. */
    void requeue(String sessionId, long nowMs);

    /** Closes a session (leaves the queue if waiting); returns it as it was, or empty when unknown or already closed. */
    Optional<SessionEntry> close(String sessionId, String reason, long nowMs);

    /** The runtime's session ended: it is idle again. False when it serves another session (or is lost). */
    boolean freeRuntime(String runtimeId, String sessionId);

    /** Adds (or re-adds) a runtime as idle; returns the session it was serving before, now closed. */
    Optional<String> register(RuntimeEntry runtime, long nowMs);

    /** Records a heartbeat; empty when the runtime is unknown or was declared lost (it must register again). */
    Optional<RuntimeEntry> heartbeat(String runtimeId, long nowMs);

    /** Declares a runtime lost (no heartbeat); returns the session it served, now closed. */
    Optional<String> markLost(String runtimeId, long nowMs);

    /** Removes a runtime that left on purpose; returns the session it served, now closed. */
    Optional<String> deregister(String runtimeId, long nowMs);

    /** Live runtimes whose last heartbeat is older than {@code cutoffMs}. */
    List<String> silentRuntimes(long cutoffMs);

    /** Waiting sessions whose client last polled before {@code cutoffMs}. */
    List<String> silentWaiting(long cutoffMs);

    Optional<RuntimeEntry> runtime(String runtimeId);

    List<RuntimeEntry> runtimes();

    /** Every waiting session, each model's queue in order. */
    List<QueueEntry> queue();

    /** Quick liveness check of the store (Redis PING); throws when unreachable. */
    void ping();

    @Override
    void close();
}
