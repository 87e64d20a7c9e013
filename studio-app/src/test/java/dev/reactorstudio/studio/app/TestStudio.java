package dev.reactorstudio.studio.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.stage.Stage;

/**
 * A studio for tests: its own preferences node (removed afterwards), a temp captures folder, a temp
 * weights cache and no registry from the environment, free ports on 127.0.0.1.
 */
final class TestStudio {
    final Preferences prefs = Preferences.userRoot().node("dev/reactorstudio/studio-test/" + UUID.randomUUID());
    final Path captures;
    /** What the studio asked the desktop browser to open. */
    final List<String> opened = new CopyOnWriteArrayList<>();
    Studio studio;

    final Path cache;
    final Map<String, String> environment;

    TestStudio() throws IOException {
        this(Map.of());
    }

    /** @param extraEnvironment added to the studio's environment (e.g. AWS credentials of a test registry) */
    TestStudio(Map<String, String> extraEnvironment) throws IOException {
        captures = Files.createTempDirectory("studio-captures");
        cache = Files.createTempDirectory("studio-weights-cache");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("REACTOR_REGISTRY");
        env.remove("AWS_ENDPOINT_URL");
        env.put("REACTOR_CACHE_DIR", cache.toString());
        env.putAll(extraEnvironment);
        environment = Map.copyOf(env);
    }

    Studio open(Stage stage) {
        studio = Studio.open(stage, new Studio.Options(prefs, captures, "127.0.0.1", opened::add, environment));
        studio.services().endpoints().forEach(e -> e.requestedPort().set(0));
        return studio;
    }

    void close() throws BackingStoreException {
        if (studio != null) {
            studio.close();
        }
        prefs.removeNode();
    }

    /** The repository's example, as the README runs it. */
    static Path example() {
        Path fromModule = Path.of("../examples/hello-pattern");
        return (Files.isDirectory(fromModule) ? fromModule : Path.of("examples/hello-pattern")).toAbsolutePath().normalize();
    }

    /** A copy of the example that tests may edit and save. */
    static Path exampleCopy() throws IOException {
        Path target = Files.createTempDirectory("hello-pattern-copy").resolve("hello-pattern");
        Files.createDirectories(target);
        try (var files = Files.list(example())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
