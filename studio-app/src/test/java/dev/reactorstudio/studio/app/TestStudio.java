package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.prefs.BackingStoreException;
import dev.reactorstudio.studio.settings.SettingsFile;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * A studio for tests: its own settings file in a temp folder (never the user's), a temp captures
 * folder and examples folder, free ports on 127.0.0.1, a browser that only records what it was
 * asked to open, and — unless a test passes its own — an environment whose registry cache is a
 * temp folder.
 */
final class TestStudio {
    /** Holds the settings file and the examples folder; deleted on close. */
    final Path home;
    final Path settingsFile;
    Preferences prefs;
    final Path captures;
    /** The registry cache of the default test environment; deleted on close. */
    final Path cache;
    final List<String> opened = new CopyOnWriteArrayList<>();
    Studio studio;

    TestStudio() throws IOException {
        home = Files.createTempDirectory("studio-home");
        settingsFile = home.resolve("config").resolve("settings.properties");
        prefs = SettingsFile.open(settingsFile);
        prefs.put(Studio.EXAMPLES_FOLDER, home.resolve("ReactorStudio").resolve("examples").toString());
        // The window Monocle's headless screen had before the default size changed: tests lay out against it.
        prefs.putDouble("window.width", 1280);
        prefs.putDouble("window.height", 800);
        captures = Files.createTempDirectory("studio-captures");
        cache = Files.createTempDirectory("studio-cache");
    }

    /** Closes the studio and opens a new one on the same settings file, as a relaunch of the app would. */
    Studio restart(Stage stage) {
        studio.close();
        prefs = SettingsFile.open(settingsFile);
        studio = Studio.open(stage, new Studio.Options(prefs, captures, "127.0.0.1", opened::add,
                Map.of("REACTOR_CACHE_DIR", cache.toString()), UnaryOperator.identity()));
        return studio;
    }

    Studio open(Stage stage) throws IOException {
        return open(stage, Map.of("REACTOR_CACHE_DIR", cache.toString()), UnaryOperator.identity());
    }

    Studio open(Stage stage, Map<String, String> environment, UnaryOperator<RegistrySettings> registryTuning) {
        studio = Studio.open(stage, new Studio.Options(prefs, captures, "127.0.0.1", opened::add, environment, registryTuning));
        studio.services().endpoints().forEach(e -> e.requestedPort().set(0));
        return studio;
    }

    /** Closes the studio on the FX thread, as every test's {@code @AfterEach} does. */
    void closeOnFxThread(FxRobot robot) {
        robot.interact(() -> {
            try {
                close();
            } catch (BackingStoreException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void close() throws BackingStoreException, IOException {
        if (studio != null) {
            studio.close();
        }
        deleteTree(cache);
        deleteTree(home);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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
