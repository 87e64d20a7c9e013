package dev.reactorstudio.runtime.python;

import dev.reactorstudio.runtime.concurrent.Scheduled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Python child alive: when it dies unexpectedly, starts a new one (which reloads the
 * model) after a delay that doubles with every failed attempt, until one comes up or the model is
 * closed. Owns the restart thread. Its {@link #status()} is what health reports meanwhile.
 */
final class ChildSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildSupervisor.class);
    private static final long WAIT_SLICE_MILLIS = 20;

    private final PythonLaunch launch;
    private final Function<String, Path> weights;
    private final BridgeStats stats;
    private final ScheduledExecutorService restarter;
    private PythonProcess child;
    private BridgeStatus status;

    ChildSupervisor(PythonLaunch launch, Function<String, Path> weights, BridgeStats stats, PythonProcess first) {
        this.launch = launch;
        this.weights = weights;
        this.stats = stats;
        this.restarter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-python-restart-" + launch.modelName());
            t.setDaemon(true);
            return t;
        });
        adopt(first);
    }

    private synchronized void adopt(PythonProcess process) {
        child = process;
        status = new BridgeStatus(BridgeStatus.State.RUNNING, 0, "python model running (pid " + process.pid() + ")");
        process.onUnexpectedExit(reason -> childDied(process, reason));
        notifyAll();
    }

    /** Called on the dead child's reader thread. */
    private void childDied(PythonProcess process, String reason) {
        synchronized (this) {
            if (child != process || status.state() == BridgeStatus.State.CLOSED) {
                return;
            }
            child = null;
            scheduleRestart(1, reason);
        }
        // Outside the lock: closing reaps the process and may wait, while health keeps asking for status.
        process.close();
    }

    private synchronized void scheduleRestart(int attempt, String reason) {
        if (status.state() == BridgeStatus.State.CLOSED) {
            return;
        }
        Duration delay = launch.options().restartDelay(attempt);
        status = new BridgeStatus(BridgeStatus.State.RESTARTING, attempt,
                "restarting python model (attempt " + attempt + "): " + reason);
        LOG.warn("Python model {}: {} — restart attempt {} in {} ms", launch.modelName(), reason, attempt, delay.toMillis());
        Scheduled.once(restarter, LOG, "Python model restart", () -> restart(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs on the restart thread; the model's {@code __init__} runs again in the new process. */
    private void restart(int attempt) {
        synchronized (this) {
            if (status.state() == BridgeStatus.State.CLOSED) {
                return;
            }
        }
        try {
            PythonProcess process = PythonProcess.start(launch, weights, stats);
            synchronized (this) {
                if (status.state() == BridgeStatus.State.CLOSED) {
                    process.close();
                    return;
                }
                adopt(process);
            }
            LOG.info("Python model {} restarted (attempt {}, pid {})", launch.modelName(), attempt, process.pid());
        } catch (PythonStartException e) {
            scheduleRestart(attempt + 1, e.getMessage());
        }
    }

    synchronized BridgeStatus status() {
        return status;
    }

    /** The running child, or empty while restarting or closed. */
    synchronized PythonProcess current() {
        return child;
    }

    /**
     * The running child, waiting while it restarts; null when {@code giveUp} turns true first.
     *
     * @throws IllegalStateException when the model was closed
     */
    synchronized PythonProcess awaitRunning(BooleanSupplier giveUp) throws InterruptedException {
        while (child == null) {
            if (status.state() == BridgeStatus.State.CLOSED) {
                throw new IllegalStateException("python model " + launch.modelName() + " is closed");
            }
            if (giveUp.getAsBoolean()) {
                return null;
            }
            wait(WAIT_SLICE_MILLIS);
        }
        return child;
    }

    @Override
    public void close() {
        PythonProcess last;
        synchronized (this) {
            status = new BridgeStatus(BridgeStatus.State.CLOSED, 0, "python model closed");
            last = child;
            child = null;
            notifyAll();
        }
        restarter.shutdownNow();
        try {
            restarter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null) {
            last.close();
        }
    }
}
