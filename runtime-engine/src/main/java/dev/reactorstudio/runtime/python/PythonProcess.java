package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a Python child: the interpreter process, its socket, a reader thread dispatching
 * what it sends, two log pumps and a thread answering {@code VideoModel.weights()} requests. All
 * of them are started and ended here. {@link #start} returns once the model's {@code __init__}
 * finished, so the heavy loading happens exactly once per process.
 */
final class PythonProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PythonProcess.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SHUTDOWN_WAIT_MILLIS = 2_000;

    private final PythonLaunch launch;
    private final Process process;
    private final Path socketDir;
    private final ServerSocketChannel server;
    private final LogPump stdout;
    private final LogPump stderr;
    private final ExecutorService weightsThread;
    private final Function<String, Path> weights;
    private final BridgeStats stats;
    private final Map<Long, CompletableFuture<JsonNode>> pendingCommands = new ConcurrentHashMap<>();
    private final AtomicLong nextCommand = new AtomicLong();
    private BridgeChannel channel;
    private JsonNode schema;
    private Thread reader;
    private volatile SessionRelay relay;
    private volatile Consumer<String> onUnexpectedExit = reason -> { };
    private volatile boolean closing;

    private PythonProcess(PythonLaunch launch, Process process, Path socketDir, ServerSocketChannel server,
            Function<String, Path> weights, BridgeStats stats) {
        this.launch = launch;
        this.process = process;
        this.socketDir = socketDir;
        this.server = server;
        this.weights = weights;
        this.stats = stats;
        this.stdout = new LogPump(process.getInputStream(), launch.modelName(), "stdout", process.pid());
        this.stderr = new LogPump(process.getErrorStream(), launch.modelName(), "stderr", process.pid());
        this.weightsThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-python-weights-" + process.pid());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the interpreter and loads the model in it; blocks for as long as {@code __init__} runs.
     *
     * @param weights resolves {@code VideoModel.weights(name)} calls of the model
     * @throws PythonStartException saying what to fix (file and line when the model file is at fault)
     */
    static PythonProcess start(PythonLaunch launch, Function<String, Path> weights, BridgeStats stats)
            throws PythonStartException {
        PythonOptions options = launch.options();
        Path packageRoot;
        Path socketDir;
        ServerSocketChannel server;
        try {
            packageRoot = PythonRuntimeFiles.extract(options.cacheRoot());
            // /tmp keeps the socket path short: Unix socket paths are limited to ~100 bytes.
            socketDir = Files.createTempDirectory("reactor-py-");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketDir.resolve("bridge.sock")));
        } catch (IOException e) {
            throw new PythonStartException("cannot prepare the Python bridge: " + e.getMessage(), e);
        }
        Process process;
        try {
            process = command(launch, packageRoot, socketDir.resolve("bridge.sock")).start();
        } catch (IOException e) {
            closeQuietly(server, socketDir);
            throw new PythonStartException("cannot start the Python interpreter \"" + options.interpreter() + "\" ("
                    + e.getMessage() + ") — install python3, or set " + PythonOptions.INTERPRETER_VARIABLE
                    + " to the interpreter to use (a venv's bin/python)", e);
        }
        PythonProcess child = new PythonProcess(launch, process, socketDir, server, weights, stats);
        try {
            child.connectAndLoad();
            return child;
        } catch (PythonStartException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    private static ProcessBuilder command(PythonLaunch launch, Path packageRoot, Path socket) {
        ProcessBuilder builder = new ProcessBuilder(launch.options().interpreter(), "-u", "-m", "reactor_runtime._child",
                socket.toString());
        builder.directory(launch.folder().toFile());
        Map<String, String> env = builder.environment();
        String existing = env.get("PYTHONPATH");
        // Ours first: a pip-installed reactor_runtime in a venv must not shadow the bridge's protocol.
        env.put("PYTHONPATH", packageRoot + (existing == null || existing.isBlank() ? "" : File.pathSeparator + existing));
        env.put("PYTHONUNBUFFERED", "1");
        return builder;
    }

    private void connectAndLoad() throws PythonStartException {
        stdout.start();
        stderr.start();
        channel = new BridgeChannel(accept());
        ObjectNode load = NODES.objectNode().put("op", "load").put("folder", launch.folder().toString())
                .put("module", launch.module()).put("class", launch.className());
        load.set("args", launch.args() == null ? NODES.objectNode() : launch.args());
        try {
            channel.send(load);
            awaitReady();
        } catch (IOException e) {
            throw diedWhileLoading();
        }
        reader = new Thread(this::readForever, "reactor-python-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Polls rather than blocks, so an interpreter that dies before connecting is noticed at once. */
    private SocketChannel accept() throws PythonStartException {
        long deadline = System.nanoTime() + launch.options().connectTimeout().toNanos();
        try {
            server.configureBlocking(false);
            while (System.nanoTime() < deadline) {
                SocketChannel socket = server.accept();
                if (socket != null) {
                    socket.configureBlocking(true);
                    return socket;
                }
                if (!process.isAlive()) {
                    throw diedWhileLoading();
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new PythonStartException("the Python bridge socket failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PythonStartException("interrupted while starting the Python model", e);
        }
        throw new PythonStartException("the Python interpreter did not connect within "
                + launch.options().connectTimeout().toSeconds() + " s" + stderrTail(), null);
    }

    /** Reads on the loading thread until ready; weights requests are answered inline ({@code __init__} waits on them). */
    private void awaitReady() throws IOException, PythonStartException {
        while (true) {
            if (!(channel.receive() instanceof BridgeChannel.Json json)) {
                continue;
            }
            switch (json.op()) {
                case "ready" -> {
                    schema = json.body().path("commands");
                    LOG.info("Python model {} ready (pid {}, Python {}, numpy {})", launch.modelName(), process.pid(),
                            json.body().path("python").asText(), json.body().path("numpy").asText());
                    return;
                }
                case "load_failed" -> throw loadFailed(json.body());
                case "weights" -> answerWeights(json.body());
                default -> LOG.debug("ignored {} while loading", json.op());
            }
        }
    }

    private PythonStartException loadFailed(JsonNode report) {
        String file = report.path("file").isTextual() ? report.get("file").asText() : null;
        int line = report.path("line").asInt(0);
        String where = file == null ? launch.fileName() : file + (line > 0 ? ":" + line : "");
        String traceback = report.path("traceback").asText("");
        if (!traceback.isBlank()) {
            LOG.error("Python model {} failed to load:\n{}", launch.modelName(), traceback.strip());
        }
        return new PythonStartException(where + ": " + report.path("message").asText(), file, line, null);
    }

    private PythonStartException diedWhileLoading() {
        String exit = describeExit(waitForExit(SHUTDOWN_WAIT_MILLIS));
        return new PythonStartException("the Python process " + exit + " while loading " + launch.fileName()
                + stderrTail(), null);
    }

    private String stderrTail() {
        try {
            stderr.awaitEnd(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> tail = stderr.tail();
        return tail.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", tail);
    }

    /** The model's command schema as the child reported it. */
    JsonNode schema() {
        return schema;
    }

    long pid() {
        return process.pid();
    }

    void onUnexpectedExit(Consumer<String> callback) {
        onUnexpectedExit = callback;
    }

    // --- sessions and commands -----------------------------------------------------------------

    void startSession(SessionRelay session) throws IOException {
        session.serveInputs(channel, Long.toString(process.pid()));
        relay = session;
        channel.send(NODES.objectNode().put("op", "start_session").put("session", session.sessionId()));
    }

    void stopSession(String sessionId) {
        try {
            channel.send(NODES.objectNode().put("op", "stop").put("session", sessionId));
        } catch (IOException e) {
            LOG.debug("stop not delivered: the Python process is gone", e);
        }
    }

    CompletableFuture<JsonNode> command(String name, JsonNode args) {
        long id = nextCommand.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pendingCommands.put(id, result);
        ObjectNode message = NODES.objectNode().put("op", "command").put("id", id).put("name", name);
        message.set("args", args);
        try {
            channel.send(message);
        } catch (IOException e) {
            pendingCommands.remove(id);
            result.completeExceptionally(new PythonCrashedException("the Python process is gone: " + e.getMessage()));
        }
        return result;
    }

    // --- the reader thread ---------------------------------------------------------------------

    private void readForever() {
        try {
            while (true) {
                BridgeChannel.Message message = channel.receive();
                if (message instanceof BridgeChannel.Frames frames) {
                    relayFrames(frames);
                } else if (message instanceof BridgeChannel.Pcm pcm) {
                    relayAudio(pcm);
                } else {
                    dispatch(((BridgeChannel.Json) message).body());
                }
            }
        } catch (EOFException e) {
            ended("the channel closed");
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.error("Python bridge of {} failed; ending the process", launch.modelName(), e);
            }
            ended(e.toString());
        }
    }

    private void relayFrames(BridgeChannel.Frames frames) throws IOException {
        long received = System.nanoTime();
        stats.record(frames.count(), frames.pixels().remaining(), received - frames.emitNanos());
        SessionRelay session = relay;
        if (session != null) {
            guarded(() -> session.frames(frames));
        }
        ackEmitted();
    }

    /** Plays the child's audio; answers only when the child asked (its first emission of a session). */
    private void relayAudio(BridgeChannel.Pcm pcm) throws IOException {
        SessionRelay session = relay;
        String problem = session == null ? null : session.audio(pcm);
        if (pcm.id() != 0) {
            ObjectNode reply = NODES.objectNode().put("op", "input_result").put("id", pcm.id());
            if (problem != null) {
                reply.put("error", problem);
            }
            channel.send(reply);
        } else if (problem != null) {
            LOG.warn("Python model {}: emit_audio refused: {}", launch.modelName(), problem);
        }
    }

    /**
     * Lets the child's {@code emit_block} return. It waits for this, so the child generates its
     * next block when the pacer wants it (after {@code emitBlock}'s just-in-time hold) rather than
     * running ahead with frames waiting in the socket — which a command or {@code flush} could not
     * reach.
     */
    private void ackEmitted() throws IOException {
        channel.send(NODES.objectNode().put("op", "emitted"));
    }

    private void dispatch(ObjectNode message) throws IOException {
        SessionRelay session = relay;
        switch (message.path("op").asText()) {
            case "send" -> {
                if (session != null) {
                    guarded(() -> session.send(message.path("message")));
                }
            }
            case "black" -> {
                if (session != null) {
                    guarded(session::black);
                }
                ackEmitted();
            }
            case "flush" -> {
                // In stream order: the frames this child sent before asking are the ones dropped.
                if (session != null) {
                    guarded(session::flush);
                }
            }
            case "monitoring" -> {
                if (session != null) {
                    guarded(() -> session.monitoring(message.path("enabled").asBoolean(true)));
                }
            }
            case "session_ended" -> {
                if (session != null && session.sessionId().equals(message.path("session").asText())) {
                    relay = null;
                    session.end(message.get("error"));
                }
            }
            case "input" -> {
                if (session != null) {
                    session.input(message);
                } else {
                    channel.send(NODES.objectNode().put("op", "input_result").put("id", message.path("id").asLong())
                            .put("error", "no session is running"));
                }
            }
            case "command_result" -> completeCommand(message);
            case "weights" -> weightsThread.execute(() -> answerWeights(message));
            default -> LOG.warn("Python model {} sent an unknown message: {}", launch.modelName(), message);
        }
    }

    /** A failing sink or a bad message must never stop the reader: the child would block forever. */
    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Python model {}: relaying to the session failed: {}", launch.modelName(), e.getMessage());
        }
    }

    private void completeCommand(ObjectNode message) {
        CompletableFuture<JsonNode> result = pendingCommands.remove(message.path("id").asLong());
        if (result == null) {
            return;
        }
        if (message.path("ok").asBoolean()) {
            result.complete(message.get("result"));
        } else {
            String traceback = message.path("traceback").asText("");
            if (!traceback.isBlank()) {
                LOG.warn("Python model {}: command failed:\n{}", launch.modelName(), traceback.strip());
            }
            result.completeExceptionally(new PythonModelException(message.path("error").asText(), traceback));
        }
    }

    private void answerWeights(JsonNode request) {
        ObjectNode reply = NODES.objectNode().put("op", "weights_result").put("id", request.path("id").asLong());
        try {
            reply.put("path", weights.apply(request.path("name").asText()).toAbsolutePath().toString());
        } catch (RuntimeException e) {
            reply.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            channel.send(reply);
        } catch (IOException e) {
            LOG.debug("weights reply not delivered: the Python process is gone", e);
        }
    }

    /** The channel ended: fail whatever waits on the child, and report an exit nobody asked for. */
    private void ended(String how) {
        String exit = describeExit(waitForExit(SHUTDOWN_WAIT_MILLIS));
        PythonCrashedException crash = new PythonCrashedException("the Python process of " + launch.modelName() + " " + exit);
        SessionRelay session = relay;
        relay = null;
        if (session != null) {
            session.fail(crash);
        }
        pendingCommands.values().forEach(f -> f.completeExceptionally(crash));
        pendingCommands.clear();
        if (!closing) {
            LOG.error("Python model {} process (pid {}) {} ({})", launch.modelName(), process.pid(), exit, how);
            onUnexpectedExit.accept(crash.getMessage());
        }
    }

    private Integer waitForExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String describeExit(Integer code) {
        if (code == null) {
            return "stopped answering";
        } else if (code > 128 && code < 160) {
            return "was killed by signal " + (code - 128);
        }
        return "exited with code " + code;
    }

    /**
     * Asks the child to finish (it ends a running session first), then terminates it and anything it
     * started if it does not exit in time. Frees the socket.
     */
    @Override
    public void close() {
        closing = true;
        if (process.isAlive() && channel != null) {
            try {
                channel.send(NODES.objectNode().put("op", "shutdown"));
            } catch (IOException e) {
                LOG.debug("shutdown not delivered", e);
            }
        }
        if (waitForExit(SHUTDOWN_WAIT_MILLIS) == null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (waitForExit(SHUTDOWN_WAIT_MILLIS) == null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                waitForExit(SHUTDOWN_WAIT_MILLIS);
            }
        }
        weightsThread.shutdownNow();
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the bridge channel", e);
        }
        closeQuietly(server, socketDir);
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(SHUTDOWN_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(ServerSocketChannel server, Path socketDir) {
        try {
            server.close();
            Files.deleteIfExists(socketDir.resolve("bridge.sock"));
            Files.deleteIfExists(socketDir);
        } catch (IOException e) {
            LOG.debug("cleaning up the bridge socket", e);
        }
    }
}
