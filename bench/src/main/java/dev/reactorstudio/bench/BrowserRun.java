package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One run of {@code e2e/js-sdk/run.mjs} (the JS SDK in headless Chromium); lines other than RESULT go to {@code onLine}. */
final class BrowserRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserRun() {
    }

    static JsonNode run(Path root, String api, String pageHost, Consumer<String> onLine, String... scenario)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "run.mjs", "--api", api, "--page-host", pageHost));
        command.addAll(List.of(scenario));
        Process process = new ProcessBuilder(command).directory(root.resolve("e2e/js-sdk").toFile())
                .redirectErrorStream(true).start();
        JsonNode result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = JSON.readTree(line.substring(7));
                } else {
                    onLine.accept(line);
                }
            }
        }
        process.waitFor();
        if (result == null || !result.path("ok").asBoolean()) {
            throw new IllegalStateException("browser run " + String.join(" ", scenario) + " failed: " + result);
        }
        return result;
    }
}
