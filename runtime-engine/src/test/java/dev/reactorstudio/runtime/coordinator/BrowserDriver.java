package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a scenario of {@code e2e/js-sdk/run.mjs}: the unmodified JS SDK in headless Chromium
 * (Debian's {@code chromium}, driven by puppeteer-core) against our coordinator. Returns the
 * scenario's {@code RESULT} JSON; other output lines go to {@code onLine}.
 */
public final class BrowserDriver {
    /** Where the WebRTC tests run: the veth pair of scripts/netns-run. */
    public static final String SERVER_ADDRESS = "10.203.0.1";
    public static final String PAGE_ADDRESS = "10.203.0.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserDriver() {
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("e2e/js-sdk"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find e2e/js-sdk above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Fails with instructions unless the test runs inside scripts/netns-run (libwebrtc and Chromium ignore loopback). */
    public static void requireNamespace() throws IOException {
        requireTestNetwork();
        if (!Files.isDirectory(repoRoot().resolve("e2e/js-sdk/node_modules"))) {
            throw new IllegalStateException("e2e/js-sdk has no node_modules: run scripts/setup.sh (npm ci) first");
        }
    }

    /**
     * Fails unless this JVM sees the namespace's veth address: outside it, libwebrtc would gather
     * ICE candidates on the host's LAN address.
     */
    public static void requireTestNetwork() throws IOException {
        boolean present = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .anyMatch(a -> a.getHostAddress().equals(SERVER_ADDRESS));
        if (!present) {
            throw new IllegalStateException("WebRTC tests must run inside scripts/netns-run (no " + SERVER_ADDRESS
                    + " here): scripts/netns-run mvn -B -o -pl runtime-engine surefire:test -Dtest.excludedGroups= -Dgroups=webrtc");
        }
    }

    public static JsonNode run(String apiUrl, Consumer<String> onLine, String... scenario)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--api", apiUrl, "--page-host", PAGE_ADDRESS));
        arguments.addAll(List.of(scenario));
        return runScript("run.mjs", arguments, onLine);
    }

    /** Runs another driver script of e2e/js-sdk (same RESULT-line contract as run.mjs). */
    public static JsonNode runScript(String script, List<String> arguments, Consumer<String> onLine)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(repoRoot().resolve("e2e/js-sdk").toFile())
                .redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                } else {
                    onLine.accept(line);
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("the browser driver printed no RESULT (exit " + process.exitValue() + ")");
        }
        return JSON.readTree(result);
    }
}
