package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code e2e/livekit/run.mjs}: one headless Chromium viewer, bounded in time, reporting what
 * the page saw ({@code window.result}) as JSON.
 */
public final class BrowserViewer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROCESS_LIMIT_SECONDS = 150;

    private BrowserViewer() {
    }

    /** @return the page's {@code window.result} */
    public static JsonNode run(Path e2eDir, Map<String, Object> config) throws IOException, InterruptedException {
        return run(e2eDir, "run.mjs", config);
    }

    /** Runs another driver script of {@code e2e/livekit} with the same {@code RESULT} contract. */
    public static JsonNode run(Path e2eDir, String script, Map<String, Object> config)
            throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", script, JSON.writeValueAsString(config))
                .directory(e2eDir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = node.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // The process ended; what was read is reported below.
            }
        }, "e2e-node-output");
        reader.start();
        if (!node.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the browser driver did not finish within " + PROCESS_LIMIT_SECONDS + " s");
        }
        reader.join(5_000);
        String text = output.toString(StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no RESULT line from run.mjs:\n" + text));
        JsonNode outcome = JSON.readTree(line.substring("RESULT ".length()));
        if (!outcome.path("ok").asBoolean()) {
            throw new AssertionError("the browser driver failed: " + outcome.path("error").asText() + "\n" + text);
        }
        return outcome.path("result");
    }
}
