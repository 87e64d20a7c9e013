package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model instance to one session at a time. Frame, message and event sinks subscribe
 * here once and receive whatever the current session produces — the media server, the studio
 * preview and tests plug in this way. A watchdog thread stops orphaned sessions and reports a
 * model that ignores a stop.
 */
public final class SessionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    private final VideoModel model;
    private final CommandBinder commands;
    private final SessionSettings settings;
    private final SessionStats stats = new SessionStats();
    private final List<FrameSink> frameSinks = new CopyOnWriteArrayList<>();
    private final List<MessageSink> messageSinks = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ReportedValues reported = new ReportedValues();
    private final ScheduledExecutorService watchdog;
    private final Session.Hooks hooks = new Hooks();
    private volatile Session current;
    private volatile Frame latestFrame;
    private volatile boolean closed;

    public SessionManager(VideoModel model, CommandBinder commands, SessionSettings settings) {
        this.model = model;
        this.commands = commands;
        this.settings = settings;
        this.messageSinks.add(reported);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-session-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a session.
     *
     * @throws SessionBusyException when one is running, or the previous one is still stopping
     */
    public synchronized Session start() throws SessionBusyException {
        if (closed) {
            throw new SessionBusyException("the runtime is shutting down", null);
        }
        Session previous = current;
        if (previous != null && previous.state() == SessionState.RUNNING) {
            throw new SessionBusyException("session " + previous.id() + " is running; stop it first or join it",
                    previous.id());
        }
        // ENDED is set after startSession() returned; the old thread may still be alive for a moment
        // while it completes the ENDED future, which is no reason to turn the next user away.
        if (previous != null && previous.state() == SessionState.STOPPING) {
            throw new SessionBusyException("session " + previous.id() + " is still stopping ("
                    + seconds(previous.stoppingForNanos()) + "): the model has not returned from startSession() "
                    + "— it must check shouldStop()", previous.id());
        }
        Session session = new Session(newSessionId(), model, settings, stats, hooks);
        current = session;
        stats.sessionsStarted.increment();
        session.start();
        LOG.info("Session {} started", session.id());
        return session;
    }

    private static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    /** The running (or stopping) session, if any. */
    public Optional<Session> current() {
        Session session = current;
        return session != null && session.state() != SessionState.ENDED ? Optional.of(session) : Optional.empty();
    }

    /** Asks the current session to stop; false when none runs. */
    public boolean stop(EndReason reason) {
        Session session = current;
        return session != null && session.requestStop(reason);
    }

    /**
     * Validates a command against the model's schema and, when valid, runs it on the session's
     * command thread. The returned future completes with the method's return value.
     *
     * @throws InvalidCommandException  when validation fails (the model is not touched)
     * @throws NoActiveSessionException when no session runs
     */
    public CompletableFuture<Object> command(String name, JsonNode args) throws NoActiveSessionException {
        Session session = current().filter(s -> s.state() == SessionState.RUNNING)
                .orElseThrow(NoActiveSessionException::new);
        session.touch();
        Callable<Object> call;
        try {
            call = commands.bind(name, args);
        } catch (InvalidCommandException e) {
            SessionStats.count(stats.commandsRejected, name == null ? "" : name);
            throw e;
        }
        return session.runCommand(name, call);
    }

    public SessionHealth health() {
        Session session = current;
        if (session == null || session.state() == SessionState.ENDED) {
            return new SessionHealth(true, "ready", "ready for a session");
        }
        if (session.state() == SessionState.RUNNING) {
            return new SessionHealth(true, "serving", "session " + session.id() + " is running");
        }
        long stopping = session.stoppingForNanos();
        if (stopping > settings.stopGrace().toNanos()) {
            return new SessionHealth(false, "stuck", "the model ignored a stop for "
                    + seconds(stopping) + " (session " + session.id()
                    + "): startSession() must return once shouldStop() is true");
        }
        return new SessionHealth(true, "stopping", "session " + session.id() + " is stopping");
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    public SessionStats stats() {
        return stats;
    }

    public SessionSettings settings() {
        return settings;
    }

    /** The last frame released, for late joiners and snapshots; empty before the first frame. */
    public Optional<Frame> latestFrame() {
        return Optional.ofNullable(latestFrame);
    }

    public void addFrameSink(FrameSink sink) {
        frameSinks.add(sink);
    }

    public void removeFrameSink(FrameSink sink) {
        frameSinks.remove(sink);
    }

    /** The model's current values from its {@code "state"} messages (see {@link ReportedValues}). */
    public ObjectNode reportedValues() {
        return reported.snapshot();
    }

    public void addMessageSink(MessageSink sink) {
        messageSinks.add(sink);
    }

    public void removeMessageSink(MessageSink sink) {
        messageSinks.remove(sink);
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    private void watch() {
        Session session = current;
        if (session == null || session.state() != SessionState.RUNNING) {
            return;
        }
        Duration orphan = settings.orphanTimeout();
        if (!orphan.isZero() && session.clients().isEmpty() && session.idleNanos() > orphan.toNanos()) {
            LOG.info("Session {} has had no client for {} s: stopping it", session.id(), orphan.toSeconds());
            session.requestStop(EndReason.ORPHANED);
        }
    }

    /**
     * Stops the session (reason SHUTDOWN), waits up to the stop grace for the model to return,
     * then interrupts it. Sinks get no further frames.
     */
    @Override
    public void close() {
        Session session;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            session = current;
        }
        watchdog.shutdownNow();
        if (session != null) {
            session.requestStop(EndReason.SHUTDOWN);
            try {
                session.ended().get(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("Model did not stop within {} s of shutdown; interrupting it", settings.stopGrace().toSeconds());
                session.interruptModel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller of close() decides what an interrupt means
            } catch (ExecutionException e) {
                LOG.debug("Waiting for session end", e);
            }
        }
    }

    /** Fans session output out to subscribers; one failing subscriber never affects the others. */
    private final class Hooks implements Session.Hooks {
        @Override
        public void frame(Frame frame) {
            latestFrame = frame;
            for (FrameSink sink : frameSinks) {
                try {
                    sink.onFrame(frame);
                } catch (RuntimeException e) {
                    LOG.warn("Frame sink {} failed", sink, e);
                }
            }
        }

        @Override
        public void message(String sessionId, ObjectNode message) {
            for (MessageSink sink : messageSinks) {
                try {
                    sink.onMessage(sessionId, message);
                } catch (RuntimeException e) {
                    LOG.warn("Message sink {} failed", sink, e);
                }
            }
        }

        @Override
        public void event(SessionEvent event) {
            for (SessionListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("Session listener {} failed", listener, e);
                }
            }
        }
    }
}
