package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.Pacing;
import dev.reactorstudio.runtime.api.RuntimeBinding;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's session: a thread running the model's {@code startSession()}, a command thread
 * that runs validated commands one at a time, and a pacer that releases the emitted frames.
 * The session owns these three threads and ends them all when it ends.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Longest a normally finished session spends playing out its queued frames. */
    private static final long DRAIN_LIMIT_MILLIS = 5_000;

    private final String id;
    private final VideoModel model;
    private final SessionStats stats;
    private final Hooks hooks;
    private final ActiveSessionContext context;
    private final FramePacer pacer;
    private final SessionInputs inputs;
    /** Null when the manifest declares no audio output. */
    private final AudioPlayout audio;
    private final ExecutorService commandThread;
    private final int commandQueueLimit;
    private final Thread sessionThread;
    private final Instant startedAt = Instant.now();
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<SessionEvent> ended = new CompletableFuture<>();
    private volatile SessionState state = SessionState.RUNNING;
    private volatile EndReason stopReason;
    private volatile long stopRequestedNanos;
    private volatile long lastActivityNanos = System.nanoTime();

    /** What the session reports back to its manager. */
    interface Hooks {
        void frame(Frame frame);

        default void audio(String sessionId, short[] pcm, int channels, long playNanos) {
        }

        void message(String sessionId, ObjectNode message);

        void event(SessionEvent event);
    }

    Session(String id, VideoModel model, SessionSettings settings, SessionStats stats, Hooks hooks) {
        this.id = id;
        this.model = model;
        this.stats = stats;
        this.hooks = hooks;
        this.commandQueueLimit = settings.commandQueue();
        this.context = new ActiveSessionContext(this, settings.defaultWidth(), settings.defaultHeight());
        this.inputs = new SessionInputs(settings.tracks());
        this.audio = settings.tracks().audioOutput().isPresent()
                ? new AudioPlayout(id, stats, pcm -> hooks.audio(id, pcm, audioChannels(), System.nanoTime()))
                : null;
        this.pacer = new FramePacer(id, settings.queueDepth(), settings.fpsCap(), settings.justInTime(), stats, frame -> {
            if (audio != null) {
                audio.videoReleased(frame);
            }
            hooks.frame(frame);
        });
        this.pacer.pacing(initialPacing(settings.tracks()));
        this.commandThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(commandQueueLimit),
                runnable -> {
                    Thread t = new Thread(() -> {
                        RuntimeBinding.bindThread(context);
                        runnable.run();
                    }, "reactor-commands-" + id);
                    t.setDaemon(true);
                    return t;
                });
        this.sessionThread = new Thread(this::run, "reactor-session-" + id);
        this.sessionThread.setDaemon(true);
        this.sessionThread.setContextClassLoader(model.getClass().getClassLoader());
    }

    void start() {
        stats.resetDeliveryClock();
        pacer.start();
        if (audio != null) {
            audio.start();
        }
        sessionThread.start();
    }

    private void run() {
        RuntimeBinding.bindThread(context);
        RuntimeBinding.setProcessContext(context);
        hooks.event(SessionEvent.started(id));
        String error = null;
        EndReason reason;
        try {
            model.startSession();
            reason = stopReason != null ? stopReason : EndReason.COMPLETED;
        } catch (InterruptedException e) {
            // Interrupted because we asked it to stop (shutdown past the grace period): that is the stop, not a fault.
            reason = stopReason != null ? stopReason : EndReason.ERROR;
            error = stopReason != null ? null : describe(e);
        } catch (Throwable t) {
            reason = EndReason.ERROR;
            error = describe(t);
            LOG.error("Session {} ended: the model threw", id, t);
        } finally {
            RuntimeBinding.unbindThread();
        }
        end(reason, error);
    }

    private void end(EndReason reason, String error) {
        if (reason == EndReason.COMPLETED) {
            pacer.finish();
        } else {
            pacer.abort();
        }
        try {
            pacer.join(DRAIN_LIMIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pacer.abort();
        inputs.close();
        if (audio != null) {
            audio.stop();
            try {
                audio.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Runnable neverRun : commandThread.shutdownNow()) {
            if (neverRun instanceof PendingCommand pending) {
                pending.result.completeExceptionally(new IllegalStateException(
                        "session " + id + " ended (" + reason.wireName() + ") before command " + pending.name + " ran"));
            }
        }
        try {
            commandThread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeBinding.clearProcessContext(context);
        state = SessionState.ENDED;
        stats.sessionsEnded.computeIfAbsent(reason, r -> new java.util.concurrent.atomic.LongAdder()).increment();
        LOG.info("Session {} ended: {}{}", id, reason.wireName(), error == null ? "" : " (" + error + ")");
        SessionEvent event = SessionEvent.ended(id, reason, error);
        hooks.event(event);
        ended.complete(event);
    }

    /**
     * A model that declares a video input renders what it is sent (a webcam mirror, a live filter):
     * the newest frame should win. Every other model generates, and is paced smoothly.
     */
    static Pacing initialPacing(DeclaredTracks tracks) {
        return tracks.inputs().stream().anyMatch(t -> t.kind() == TrackKind.VIDEO) ? Pacing.LATEST : Pacing.SMOOTH;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Asks the model to stop (cooperatively) and drops queued frames. Returns false if already stopping. */
    boolean requestStop(EndReason reason) {
        synchronized (this) {
            if (state != SessionState.RUNNING) {
                return false;
            }
            stopReason = reason;
            stopRequestedNanos = System.nanoTime();
            state = SessionState.STOPPING;
        }
        pacer.abort();
        // A model blocked in next() on an input must see the stop at once.
        inputs.close();
        hooks.event(SessionEvent.stopRequested(id, reason));
        return true;
    }

    /** Validates nothing: {@code call} was bound (and so validated) by the caller. Runs it on the command thread. */
    CompletableFuture<Object> runCommand(String name, Callable<Object> call) {
        PendingCommand command = new PendingCommand(name, call);
        try {
            commandThread.execute(command);
        } catch (RejectedExecutionException e) {
            if (commandThread.isShutdown()) {
                command.result.completeExceptionally(new IllegalStateException("session " + id + " has ended"));
            } else {
                SessionStats.count(stats.commandsRejected, name);
                command.result.completeExceptionally(new CommandQueueFullException(name, commandQueueLimit));
            }
        }
        return command.result;
    }

    /** A queued command; kept as its own type so the ones never run can be failed when the session ends. */
    private final class PendingCommand implements Runnable {
        final String name;
        final Callable<Object> call;
        final CompletableFuture<Object> result = new CompletableFuture<>();

        PendingCommand(String name, Callable<Object> call) {
            this.name = name;
            this.call = call;
        }

        @Override
        public void run() {
            Object value;
            try {
                value = call.call();
            } catch (Throwable t) {
                SessionStats.count(stats.commandsFailed, name);
                LOG.warn("Command {} failed in session {}", name, id, t);
                result.completeExceptionally(t);
                return;
            }
            // Count before completing: whoever awaits the future must see the stats already updated.
            SessionStats.count(stats.commandsOk, name);
            result.complete(value);
        }
    }

    void publishMessage(ObjectNode message) {
        if (state == SessionState.ENDED) {
            return;
        }
        stats.messagesSent.increment();
        hooks.message(id, message);
    }

    public String id() {
        return id;
    }

    public SessionState state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    boolean stopRequested() {
        return state != SessionState.RUNNING;
    }

    /** Nanoseconds since a stop was requested, or 0 while running. */
    long stoppingForNanos() {
        return state == SessionState.STOPPING ? System.nanoTime() - stopRequestedNanos : 0;
    }

    boolean threadAlive() {
        return sessionThread.isAlive();
    }

    void interruptModel() {
        sessionThread.interrupt();
    }

    FramePacer pacer() {
        return pacer;
    }

    /** The declared inputs; transports claim and feed them. */
    public SessionInputs inputs() {
        return inputs;
    }

    /** The audio output, or null when none is declared. */
    AudioPlayout audio() {
        return audio;
    }

    private int audioChannels() {
        return audio == null ? 1 : audio.channels();
    }

    SessionStats stats() {
        return stats;
    }

    /** Completes with the ENDED event. */
    public CompletableFuture<SessionEvent> ended() {
        return ended.copy();
    }

    /** A client (viewer, preview, tool) is watching; attached clients keep the session from being orphaned. */
    public void attachClient(String clientId) {
        clients.add(clientId);
        touch();
    }

    public void detachClient(String clientId) {
        clients.remove(clientId);
        touch();
    }

    public Set<String> clients() {
        return Set.copyOf(clients);
    }

    /** Marks the session as in use (a ping, a command, a status poll). */
    public void touch() {
        lastActivityNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    /** A consistent-enough snapshot for status endpoints and views. */
    public SessionInfo info() {
        return new SessionInfo(id, state, startedAt, clients.size(), pacer.currentRate(), stats.deliveryFps(),
                pacer.queued(), stopReason);
    }
}
