package dev.reactorstudio.runtime.python;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One step of preparing a requirements environment ({@code python -m venv}, {@code pip install}),
 * run so that it can be stopped. Its output lines (stdout and stderr merged) are handed over on
 * the calling thread; meanwhile the {@code requirements-watch} thread kills the command's whole
 * process tree — pip starts build backends and compilers of its own — as soon as the caller asks to
 * stop, the calling thread is interrupted, or the JVM exits (Ctrl-C in {@code reactor run}: the JVM's
 * shutdown does not wait for the loading thread, so a hook kills the tree too). Nothing of the
 * command outlives the call.
 */
final class StoppableCommand {
    private static final int KEPT_LINES = 200;
    private static final long WATCH_MILLIS = 100;

    /** How it ended: the exit code, its last lines, and whether it was stopped (then the exit code is the kill's). */
    record Result(int exit, List<String> lines, boolean stopped) {}

    private StoppableCommand() {
    }

    static Result run(List<String> command, Path workDir, Consumer<String> onLine, BooleanSupplier stopRequested)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, List.of("cannot start " + command.get(0) + ": " + e.getMessage()), false);
        }
        Thread caller = Thread.currentThread();
        boolean[] stopped = {false};
        Thread watch = new Thread(() -> {
            try {
                while (process.isAlive()) {
                    if (stopRequested.getAsBoolean() || caller.isInterrupted()) {
                        synchronized (stopped) {
                            stopped[0] = true;
                        }
                        killTree(process);
                        return;
                    }
                    process.waitFor(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                killTree(process); // the watcher itself is told to end: never leave the command behind
            }
        }, "requirements-watch");
        watch.setDaemon(true);
        Thread onExit = new Thread(() -> killTree(process), "requirements-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
        Deque<String> kept = new ArrayDeque<>();
        try {
            watch.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    onLine.accept(line);
                    kept.addLast(line);
                    if (kept.size() > KEPT_LINES) {
                        kept.removeFirst();
                    }
                }
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                killTree(process);
            }
            process.waitFor();
        } finally {
            if (process.isAlive()) {
                killTree(process);
            }
            watch.interrupt();
            watch.join(TimeUnit.SECONDS.toMillis(10));
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) anyway
            }
        }
        synchronized (stopped) {
            return new Result(process.exitValue(), new ArrayList<>(kept), stopped[0]);
        }
    }

    /**
     * Kills the command and everything it started. Children first, each round taking a fresh
     * snapshot (a child may start another meanwhile); the parent last, so none is re-parented away
     * from it before it is seen.
     */
    static void killTree(Process process) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> children = process.descendants().toList();
            if (children.isEmpty()) {
                break;
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
