package dev.reactorstudio.runtime.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code reactor run examples/hello-pattern --join ...} in its own JVM, so a test can kill -9 it
 * like a machine that dies. Output goes to a log file the failure messages quote.
 */
final class RuntimeProcess implements AutoCloseable {
    private final String id;
    private final Process process;
    private final Path log;

    private RuntimeProcess(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
    }

    static RuntimeProcess start(String id, String join, String secret) throws IOException {
        Path log = Files.createTempFile("reactor-runtime-" + id + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "dev.reactorstudio.runtime.cli.ReactorCli", "run", examples().resolve("hello-pattern").toString(),
                "--join", join, "--jwt-secret", secret, "--runtime-id", id, "--port", "0", "--media-port", "0",
                "--orphan-timeout", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RuntimeProcess(id, process, log);
    }

    private static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/hello-pattern"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/hello-pattern not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples");
    }

    String id() {
        return id;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no deregistration, no goodbye — the coordinator must notice the silence. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // harmless
        }
    }

    static void awaitRegistered(String base, String token, List<RuntimeProcess> runtimes, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            var listed = FleetHttp.get(base + "/fleet", token).body().path("runtimes");
            long idle = 0;
            for (var r : listed) {
                boolean ours = runtimes.stream().anyMatch(p -> p.id().equals(r.path("id").asText()));
                if (ours && !"lost".equals(r.path("state").asText())) {
                    idle++;
                }
            }
            if (idle == runtimes.size()) {
                return;
            }
            for (RuntimeProcess p : runtimes) {
                if (!p.alive()) {
                    throw new AssertionError("runtime " + p.id() + " exited:\n" + p.log());
                }
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder logs = new StringBuilder();
                runtimes.forEach(p -> logs.append("--- ").append(p.id()).append('\n').append(p.log()));
                throw new AssertionError("runtimes did not join within " + timeout + "; fleet: " + listed + "\n" + logs);
            }
            Thread.sleep(200);
        }
    }
}
