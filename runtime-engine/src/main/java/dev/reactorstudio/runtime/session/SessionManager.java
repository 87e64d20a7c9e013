package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.concurrent.Scheduled;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import dev.reactorstudio.runtime.upload.UploadLimits;
import dev.reactorstudio.runtime.upload.UploadStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final List<AudioSink> audioSinks = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ReportedValues reported = new ReportedValues();
    private final ScheduledExecutorService watchdog;
    private final Session.Hooks hooks = new Hooks();
    private final UploadStore uploads;
    private volatile Session current;
    private volatile Frame latestFrame;
    private volatile boolean closed;

    public SessionManager(VideoModel model, CommandBinder commands, SessionSettings settings) {
        this(model, commands, settings, UploadLimits.defaults());
    }

    /** @param uploads limits of the files clients may upload to a session (see {@link #uploads()}) */
    public SessionManager(VideoModel model, CommandBinder commands, SessionSettings settings, UploadLimits uploads) {
        this.model = model;
        this.commands = commands;
        this.settings = settings;
        this.uploads = new UploadStore(uploads);
        this.messageSinks.add(reported);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-session-watchdog");
            t.setDaemon(true);
            return t;
        });
        Scheduled.withFixedDelay(watchdog, LOG, "Session watchdog", this::watch, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a session. When the previous session is still stopping (its model winding down after
     * a stop), waits for it to end — at most until the stop grace since that stop has passed —
     * so a stop followed at once by a start (a reconnect, the next user) is never refused.
     *
     * @throws SessionBusyException when one is running, the previous one ignored its stop past the
     *                              grace period, or the runtime is shutting down
     */
    public Session start() throws SessionBusyException {
        while (true) {
            Session stopping;
            synchronized (this) {
                if (closed) {
                    throw new SessionBusyException("the runtime is shutting down", null);
                }
                Session previous = current;
                if (previous == null || previous.state() == SessionState.ENDED) {
                    return startNew();
                }
                if (previous.state() == SessionState.RUNNING) {
                    throw new SessionBusyException("session " + previous.id()
                            + " is running; stop it first or join it", previous.id());
                }
                stopping = previous;
            }
            awaitEnd(stopping);
        }
    }

    /** Called under the lock once no session is running or stopping. */
    private Session startNew() {
        Session session = new Session(newSessionId(), model, settings, stats, hooks);
        uploads.openSession(session.id());
        current = session;
        stats.sessionsStarted.increment();
        session.start();
        LOG.info("Session {} started", session.id());
        return session;
    }

    /**
     * Waits (outside the lock, so status calls and stops are never held up) for a stopping session
     * to end, for what is left of its stop grace; refuses with what is going on once that is spent.
     */
    private void awaitEnd(Session stopping) throws SessionBusyException {
        long grace = settings.stopGrace().toNanos();
        long left = grace - stopping.stoppingForNanos();
        if (left > 0) {
            try {
                stopping.ended().get(left, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // Past the grace: refuse below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionBusyException("interrupted while waiting for session " + stopping.id()
                        + " to finish stopping", stopping.id());
            } catch (ExecutionException e) {
                return; // ended() never fails; if it did, the state check in start() decides
            }
        }
        if (stopping.state() == SessionState.ENDED) {
            return;
        }
        throw new SessionBusyException("session " + stopping.id() + " was asked to stop "
                + seconds(stopping.stoppingForNanos()) + " ago and its model has not returned from startSession()"
                + " (stop grace " + seconds(grace) + "): startSession() must return once shouldStop() is true;"
                + " a new session can start as soon as it does", stopping.id());
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
        return command(name, args, Map.of());
    }

    /**
     * {@link #command(String, JsonNode)} for a call whose file parameters arrived as uploads.
     *
     * @param files uploads of the running session, resolved and authorised through {@link #uploads()}
     */
    public CompletableFuture<Object> command(String name, JsonNode args, Map<String, UploadedFile> files)
            throws NoActiveSessionException {
        Session session = current().filter(s -> s.state() == SessionState.RUNNING)
                .orElseThrow(NoActiveSessionException::new);
        session.touch();
        Callable<Object> call;
        try {
            call = commands.bind(name, args, files);
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

    /**
     * The files clients uploaded to sessions: only the running session accepts uploads, and a
     * session's files are deleted when it ends.
     */
    public UploadStore uploads() {
        return uploads;
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

    /**
     * Backpressure from a frame sink: session {@code sessionId} releases (and, paced just in time,
     * generates) at most {@code fps} frames a second for the next {@code validFor}, unless renewed.
     * {@code fps <= 0} lifts the limit. Ignored unless {@code sessionId} is the current session.
     */
    public void limitFrameRate(String sessionId, double fps, Duration validFor) {
        Session session = current;
        if (session != null && session.id().equals(sessionId)) {
            session.pacer().limitRate(fps, validFor.toNanos());
        }
    }

    /** The current session's frame-rate limit from {@link #limitFrameRate} while it holds, else 0. */
    public double frameRateLimit() {
        Session session = current;
        return session == null ? 0 : session.pacer().sinkLimit();
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

    /** Receives the model's audio output (10 ms chunks of 48 kHz PCM) while it plays. */
    public void addAudioSink(AudioSink sink) {
        audioSinks.add(sink);
    }

    public void removeAudioSink(AudioSink sink) {
        audioSinks.remove(sink);
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
        uploads.close();
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
        public void audio(String sessionId, short[] pcm, int channels, long playNanos) {
            for (AudioSink sink : audioSinks) {
                try {
                    sink.onAudio(sessionId, pcm, channels, playNanos);
                } catch (RuntimeException e) {
                    LOG.warn("Audio sink {} failed", sink, e);
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
            if (event.type() == SessionEvent.Type.ENDED) {
                // After the session's threads ended: no command of it can still be reading a file.
                uploads.discardSession(event.sessionId());
            }
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
