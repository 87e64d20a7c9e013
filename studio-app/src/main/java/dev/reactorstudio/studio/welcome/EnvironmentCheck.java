package dev.reactorstudio.studio.welcome;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What running a model needs from this machine, checked in a second: a Python interpreter with
 * numpy (for Python models), a weights registry (for models with weights), and the service ports.
 * Each finding says what was found and, when something is missing, the fix. Blocking: run it off
 * the FX thread.
 */
public final class EnvironmentCheck {

    /** How a finding can be fixed from the welcome screen. */
    public enum Fix { NONE, COPY_COMMAND, SET_REGISTRY, USE_FREE_PORTS }

    /**
     * One thing checked.
     *
     * @param ok      whether it is in order
     * @param text    what was found, short
     * @param fix     what the fix button does
     * @param command the command to run for {@link Fix#COPY_COMMAND}, else empty
     */
    public record Finding(String id, boolean ok, String text, Fix fix, String command) {}

    private final String python;
    private final String registry;
    private final String bindHost;
    private final Map<String, Integer> ports;

    /**
     * @param python   the interpreter Python models run in
     * @param registry the weights registry location, blank when none is set
     * @param ports    the service ports Run will bind, by service name (0 = any free port)
     */
    public EnvironmentCheck(String python, String registry, String bindHost, Map<String, Integer> ports) {
        this.python = python;
        this.registry = registry;
        this.bindHost = bindHost;
        this.ports = new LinkedHashMap<>(ports);
    }

    public List<Finding> run() {
        return List.of(python(), registry(), ports());
    }

    Finding python() {
        String probe = "import sys\ntry:\n import numpy\n print(sys.version.split()[0], numpy.__version__)\n"
                + "except ImportError:\n print(sys.version.split()[0], '-')\n";
        Process process;
        try {
            process = new ProcessBuilder(python, "-c", probe).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Finding("python", false, python + " not found (Python models need it)", Fix.COPY_COMMAND,
                    "sudo apt-get install -y python3 python3-numpy");
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Finding("python", false, python + " did not answer in 15 s", Fix.NONE, "");
            }
            String[] out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
            if (process.exitValue() != 0 || out.length < 2) {
                return new Finding("python", false, python + " failed to start", Fix.NONE, "");
            }
            if (out[1].equals("-")) {
                return new Finding("python", false, "Python " + out[0] + " without numpy", Fix.COPY_COMMAND,
                        python.equals("python3") ? "sudo apt-get install -y python3-numpy" : python + " -m pip install numpy");
            }
            return new Finding("python", true, "Python " + out[0] + " + numpy " + out[1], Fix.NONE, "");
        } catch (InterruptedException | IOException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Finding("python", false, "Python check interrupted", Fix.NONE, "");
        }
    }

    Finding registry() {
        return registry.isBlank()
                ? new Finding("registry", false, "no weights registry (only models with weights need one)", Fix.SET_REGISTRY, "")
                : new Finding("registry", true, "registry " + registry, Fix.NONE, "");
    }

    Finding ports() {
        List<String> busy = new ArrayList<>();
        List<String> free = new ArrayList<>();
        ports.forEach((name, port) -> {
            if (port == 0) {
                return;
            }
            (portFree(port).isEmpty() ? free : busy).add(String.valueOf(port));
        });
        if (!busy.isEmpty()) {
            return new Finding("ports", false, "port" + (busy.size() > 1 ? "s " : " ") + String.join(", ", busy)
                    + " in use", Fix.USE_FREE_PORTS, "");
        }
        return new Finding("ports", true, free.isEmpty() ? "ports: any free" : "ports " + String.join(", ", free) + " free",
                Fix.NONE, "");
    }

    /** Empty when {@code port} can be bound on the services' address, else why not. */
    private Optional<String> portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(bindHost), port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A port that is free right now on {@code bindHost}. */
    public static int freePort(String bindHost) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindHost))) {
            return socket.getLocalPort();
        }
    }
}
