package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A Python model as the engine sees it: an ordinary {@link VideoModel} whose {@link
 * #startSession()} runs the child's {@code start_session()} and relays its frames and messages
 * into the session, forwarding a stop to the child's {@code should_stop()}. An exception in the
 * child ends the session with that error; a crash ends it too, and the child is restarted.
 *
 * <pre>{@code
 * PythonVideoModel model = PythonVideoModel.start(new PythonLaunch("noise", folder, "model_noise",
 *         "NoiseModel", args, PythonOptions.defaults()));   // __init__ runs here, once
 * model.commandSchema();                                    // what @command declared
 * }</pre>
 */
public final class PythonVideoModel extends VideoModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a session checks for a stop to forward; the context offers no callback, so it polls. */
    private static final long STOP_POLL_MILLIS = 20;

    private final PythonLaunch launch;
    private final JsonNode schema;
    private final BridgeStats stats;
    private final ChildSupervisor supervisor;

    private PythonVideoModel(PythonLaunch launch, PythonProcess first, BridgeStats stats) {
        this.launch = launch;
        this.schema = first.schema();
        this.stats = stats;
        this.supervisor = new ChildSupervisor(launch, VideoModel::weights, stats, first);
    }

    /**
     * Starts the child and constructs the model in it (blocks for the model's {@code __init__}).
     * {@code VideoModel.weights(name)} in Python resolves through {@link VideoModel#weights}.
     *
     * @throws PythonStartException naming the file and line at fault
     */
    public static PythonVideoModel start(PythonLaunch launch) throws PythonStartException {
        BridgeStats stats = new BridgeStats();
        return new PythonVideoModel(launch, PythonProcess.start(launch, VideoModel::weights, stats), stats);
    }

    /** The commands the model's {@code @command} methods declare, as its process first reported them. */
    public JsonNode commandSchema() {
        return schema.deepCopy();
    }

    @Override
    public void startSession() throws Exception {
        SessionContext context = Reactor.ctx();
        PythonProcess child = supervisor.awaitRunning(context::shouldStop);
        if (child == null) {
            return;
        }
        SessionRelay relay = new SessionRelay(context, launch.modelName());
        try {
            child.startSession(relay);
        } catch (IOException e) {
            throw new PythonCrashedException("the Python process of " + launch.modelName() + " is gone: " + e.getMessage());
        }
        boolean stopForwarded = false;
        try {
            while (!relay.awaitEnd(STOP_POLL_MILLIS)) {
                if (!stopForwarded && context.shouldStop()) {
                    child.stopSession(context.sessionId());
                    stopForwarded = true;
                }
            }
        } catch (InterruptedException e) {
            // The runtime gave up waiting (shutdown past the grace period): leave the child a stop.
            child.stopSession(context.sessionId());
            throw e;
        }
    }

    /**
     * Runs a command in the child with validated arguments (by name) and returns its result as
     * plain Java values (maps, lists, numbers, strings, booleans, null).
     *
     * @throws PythonModelException   the command raised
     * @throws PythonCrashedException the process died meanwhile
     * @throws IllegalStateException  the process is restarting
     */
    public Object call(String name, Map<String, ?> arguments) throws Exception {
        PythonProcess child = supervisor.current();
        if (child == null) {
            throw new IllegalStateException(supervisor.status().detail());
        }
        try {
            JsonNode result = child.command(name, JSON.valueToTree(arguments)).get();
            return result == null || result.isNull() ? null : JSON.treeToValue(result, Object.class);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Running, restarting (with the attempt) or closed. */
    public BridgeStatus status() {
        return supervisor.status();
    }

    /** Frames and bytes that crossed, and how long crossing took. */
    public BridgeStats stats() {
        return stats;
    }

    /** The current process id, or -1 while restarting (tests use it to kill the child). */
    public long pid() {
        PythonProcess child = supervisor.current();
        return child == null ? -1 : child.pid();
    }

    /** Ends the child (its running session first) and everything it started. */
    @Override
    public void close() {
        supervisor.close();
    }

    @Override
    public String toString() {
        return "PythonVideoModel[" + launch.fileName() + ":" + launch.className() + "]";
    }
}
