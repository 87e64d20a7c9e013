package dev.reactorstudio.runtime.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fleet state of one coordinator, in its heap ({@code --state memory}): nothing to install, gone
 * when the coordinator stops. One lock makes every operation atomic. Closed sessions are kept
 * for {@link #CLOSED_KEEP_MS} so a late poll still learns they closed.
 */
public final class MemoryFleetState implements FleetState {
    static final long CLOSED_KEEP_MS = 10 * 60_000L;

    private final Map<String, SessionEntry> sessions = new HashMap<>();
    private final Map<String, Long> closedAt = new LinkedHashMap<>();
    private final Map<String, Long> sequence = new HashMap<>();
    private final Map<String, TreeMap<Long, String>> queues = new HashMap<>();
    private final Map<String, Long> polls = new HashMap<>();
    private final Map<String, RuntimeEntry> runtimes = new LinkedHashMap<>();
    private final Map<String, Deque<String>> idle = new HashMap<>();
    private long nextSequence;

    @Override
    public synchronized long enqueue(String sessionId, String model, String subject, long nowMs) {
        sessions.put(sessionId, new SessionEntry(sessionId, model, subject, SessionEntry.WAITING, nowMs, "", "", "", ""));
        long seq = ++nextSequence;
        sequence.put(sessionId, seq);
        queues.computeIfAbsent(model, m -> new TreeMap<>()).put(seq, sessionId);
        polls.put(sessionId, nowMs);
        forgetOldClosed(nowMs);
        return position(sessionId);
    }

    @Override
    public synchronized Optional<SessionEntry> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized long position(String sessionId) {
        SessionEntry entry = sessions.get(sessionId);
        if (entry == null || !SessionEntry.WAITING.equals(entry.state())) {
            return 0;
        }
        TreeMap<Long, String> queue = queues.get(entry.model());
        Long seq = sequence.get(sessionId);
        return queue == null || seq == null ? 0 : queue.headMap(seq, true).size();
    }

    /** The default steps under this state's lock, so the position matches the session read. */
    @Override
    public synchronized Optional<Poll> poll(String sessionId, String subject, long nowMs) {
        return FleetState.super.poll(sessionId, subject, nowMs);
    }

    @Override
    public synchronized void touch(String sessionId, long nowMs) {
        polls.computeIfPresent(sessionId, (id, old) -> nowMs);
    }

    @Override
    public synchronized Set<String> waitingModels() {
        Set<String> models = new TreeSet<>();
        queues.forEach((model, queue) -> {
            if (!queue.isEmpty()) {
                models.add(model);
            }
        });
        return models;
    }

    @Override
    public synchronized Optional<Assignment> assign(String model, long nowMs) {
        TreeMap<Long, String> queue = queues.get(model);
        Deque<String> free = idle.get(model);
        if (queue == null || queue.isEmpty() || free == null) {
            return Optional.empty();
        }
        while (!free.isEmpty()) {
            RuntimeEntry runtime = runtimes.get(free.pollFirst());
            if (runtime == null || !RuntimeEntry.IDLE.equals(runtime.state())) {
                continue;
            }
            String sessionId = queue.pollFirstEntry().getValue();
            polls.remove(sessionId);
            SessionEntry s = sessions.get(sessionId);
            sessions.put(sessionId, new SessionEntry(s.id(), s.model(), s.subject(), SessionEntry.ASSIGNING, s.createdMs(),
                    runtime.id(), "", "", ""));
            runtimes.put(runtime.id(), withState(runtime, RuntimeEntry.BUSY, sessionId));
            return Optional.of(new Assignment(sessionId, runtime.id(), runtime.url(), s.createdMs()));
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean activate(String sessionId, String runtimeId, String runtimeSession, String capabilities) {
        SessionEntry s = sessions.get(sessionId);
        if (s == null || !SessionEntry.ASSIGNING.equals(s.state()) || !runtimeId.equals(s.runtimeId())) {
            return false;
        }
        sessions.put(sessionId, new SessionEntry(s.id(), s.model(), s.subject(), SessionEntry.ACTIVE, s.createdMs(),
                runtimeId, runtimeSession, capabilities, ""));
        return true;
    }

    @Override
    public synchronized void requeue(String sessionId, long nowMs) {
        SessionEntry s = sessions.get(sessionId);
        if (s == null || !SessionEntry.ASSIGNING.equals(s.state())) {
            return;
        }
        sessions.put(sessionId, new SessionEntry(s.id(), s.model(), s.subject(), SessionEntry.WAITING, s.createdMs(),
                "", "", "", ""));
        queues.computeIfAbsent(s.model(), m -> new TreeMap<>()).put(sequence.get(sessionId), sessionId);
        polls.put(sessionId, nowMs);
    }

    @Override
    public synchronized Optional<SessionEntry> close(String sessionId, String reason, long nowMs) {
        SessionEntry s = sessions.get(sessionId);
        if (s == null || s.closed()) {
            return Optional.empty();
        }
        TreeMap<Long, String> queue = queues.get(s.model());
        if (queue != null) {
            queue.remove(sequence.get(sessionId));
        }
        polls.remove(sessionId);
        sessions.put(sessionId, new SessionEntry(s.id(), s.model(), s.subject(), SessionEntry.CLOSED, s.createdMs(),
                s.runtimeId(), s.runtimeSession(), "", reason));
        closedAt.put(sessionId, nowMs);
        return Optional.of(s);
    }

    @Override
    public synchronized boolean freeRuntime(String runtimeId, String sessionId) {
        RuntimeEntry runtime = runtimes.get(runtimeId);
        if (runtime == null || !RuntimeEntry.BUSY.equals(runtime.state()) || !sessionId.equals(runtime.sessionId())) {
            return false;
        }
        runtimes.put(runtimeId, withState(runtime, RuntimeEntry.IDLE, ""));
        idle.computeIfAbsent(runtime.model(), m -> new ArrayDeque<>()).addLast(runtimeId);
        return true;
    }

    @Override
    public synchronized Optional<String> register(RuntimeEntry runtime, long nowMs) {
        Optional<String> previous = endServedSession(runtime.id(), "the runtime restarted", nowMs);
        RuntimeEntry old = runtimes.get(runtime.id());
        if (old != null) {
            Deque<String> oldIdle = idle.get(old.model());
            if (oldIdle != null) {
                oldIdle.remove(old.id());
            }
        }
        runtimes.put(runtime.id(), new RuntimeEntry(runtime.id(), runtime.model(), runtime.version(), runtime.url(),
                RuntimeEntry.IDLE, "", nowMs));
        idle.computeIfAbsent(runtime.model(), m -> new ArrayDeque<>()).addLast(runtime.id());
        return previous;
    }

    @Override
    public synchronized Optional<RuntimeEntry> heartbeat(String runtimeId, long nowMs) {
        RuntimeEntry runtime = runtimes.get(runtimeId);
        if (runtime == null || RuntimeEntry.LOST.equals(runtime.state())) {
            return Optional.empty();
        }
        RuntimeEntry beat = new RuntimeEntry(runtime.id(), runtime.model(), runtime.version(), runtime.url(),
                runtime.state(), runtime.sessionId(), nowMs);
        runtimes.put(runtimeId, beat);
        return Optional.of(beat);
    }

    @Override
    public synchronized Optional<String> markLost(String runtimeId, long nowMs) {
        RuntimeEntry runtime = runtimes.get(runtimeId);
        if (runtime == null || RuntimeEntry.LOST.equals(runtime.state())) {
            return Optional.empty();
        }
        Optional<String> served = endServedSession(runtimeId, "the runtime was lost (no heartbeat)", nowMs);
        Deque<String> free = idle.get(runtime.model());
        if (free != null) {
            free.remove(runtimeId);
        }
        runtimes.put(runtimeId, withState(runtime, RuntimeEntry.LOST, ""));
        return served;
    }

    @Override
    public synchronized Optional<String> deregister(String runtimeId, long nowMs) {
        RuntimeEntry runtime = runtimes.get(runtimeId);
        if (runtime == null) {
            return Optional.empty();
        }
        Optional<String> served = endServedSession(runtimeId, "the runtime left the fleet", nowMs);
        Deque<String> free = idle.get(runtime.model());
        if (free != null) {
            free.remove(runtimeId);
        }
        runtimes.remove(runtimeId);
        return served;
    }

    private Optional<String> endServedSession(String runtimeId, String reason, long nowMs) {
        RuntimeEntry runtime = runtimes.get(runtimeId);
        if (runtime == null || runtime.sessionId().isEmpty()) {
            return Optional.empty();
        }
        String sessionId = runtime.sessionId();
        return close(sessionId, reason, nowMs).map(SessionEntry::id);
    }

    @Override
    public synchronized List<String> silentRuntimes(long cutoffMs) {
        List<String> silent = new ArrayList<>();
        runtimes.values().forEach(r -> {
            if (!RuntimeEntry.LOST.equals(r.state()) && r.heartbeatMs() < cutoffMs) {
                silent.add(r.id());
            }
        });
        return silent;
    }

    @Override
    public synchronized List<String> silentWaiting(long cutoffMs) {
        List<String> silent = new ArrayList<>();
        polls.forEach((id, polled) -> {
            if (polled < cutoffMs) {
                silent.add(id);
            }
        });
        return silent;
    }

    @Override
    public synchronized Optional<RuntimeEntry> runtime(String runtimeId) {
        return Optional.ofNullable(runtimes.get(runtimeId));
    }

    @Override
    public synchronized List<RuntimeEntry> runtimes() {
        return new ArrayList<>(runtimes.values());
    }

    @Override
    public synchronized List<QueueEntry> queue() {
        List<QueueEntry> all = new ArrayList<>();
        new TreeMap<>(queues).forEach((model, queue) -> {
            long position = 0;
            for (String id : queue.values()) {
                all.add(new QueueEntry(id, model, ++position, sessions.get(id).createdMs()));
            }
        });
        return all;
    }

    @Override
    public void ping() {
    }

    private void forgetOldClosed(long nowMs) {
        var it = closedAt.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue() > nowMs - CLOSED_KEEP_MS) {
                break;
            }
            sessions.remove(e.getKey());
            sequence.remove(e.getKey());
            it.remove();
        }
    }

    private static RuntimeEntry withState(RuntimeEntry r, String state, String sessionId) {
        return new RuntimeEntry(r.id(), r.model(), r.version(), r.url(), state, sessionId, r.heartbeatMs());
    }

    @Override
    public void close() {
    }
}
