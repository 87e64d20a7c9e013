package dev.reactorstudio.studio.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The real studio driven by a script on a thread of its own, for the command-line tools that run it
 * under a real X server ({@link StudioTour}, {@link WindowManagerCheck}): a preferences node and home
 * folder of the tool's own (never the user's), the studio opened on them, the script run while the FX
 * thread stays free, and afterwards — whatever happened — the studio closed, the node removed and
 * JavaFX ended. Also the FX-thread calls and the PNG writing those scripts share.
 */
final class ScriptedStudio {
    /** An action that may throw. */
    interface Step {
        void run() throws Exception;
    }

    private final String tool;
    final Preferences prefs;
    /** Where the studio's examples folder goes (and anything else the tool wants to place in a home). */
    final Path home;

    /** {@code tool} names the preferences node ({@code dev/reactorstudio/<tool>/<uuid>}), the temp folders and the thread. */
    ScriptedStudio(String tool) throws IOException {
        this.tool = tool;
        prefs = Preferences.userRoot().node("dev/reactorstudio/" + tool + "/" + UUID.randomUUID());
        home = Files.createTempDirectory(tool + "-home");
        prefs.put(Studio.EXAMPLES_FOLDER, home.resolve("ReactorStudio/examples").toString());
    }

    /** Opens a studio on these preferences, with a temp captures folder and a browser that opens nothing. */
    Studio open(Stage stage) throws IOException {
        return Studio.open(stage, new Studio.Options(prefs, Files.createTempDirectory(tool + "-captures"), "127.0.0.1", url -> { }));
    }

    /**
     * Runs {@code script} on a daemon thread named after the tool; an exception goes to {@code failed}.
     * Then, on the FX thread, closes the studio {@code current} gives at that moment (a script may relaunch
     * it), removes the preferences node and exits JavaFX.
     */
    void runThenExit(Step script, Supplier<Studio> current, Runnable failed) {
        Thread thread = new Thread(() -> {
            try {
                script.run();
            } catch (Exception e) {
                // A command-line tool: the trace on stderr is its failure report.
                e.printStackTrace();
                failed.run();
            } finally {
                Platform.runLater(() -> {
                    current.get().close();
                    try {
                        prefs.removeNode();
                    } catch (Exception ignored) {
                        // a leftover node is harmless
                    }
                    Platform.exit();
                });
            }
        }, tool);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code action} on the FX thread and waits (up to 30 s) until it has. */
    static void fx(Step action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Calls {@code action} on the FX thread and waits (up to 30 s) for its answer. */
    static <T> T onFx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Writes a JavaFX snapshot or screen capture as an RGB PNG (no javafx-swing on the class path). */
    static void writePng(WritableImage image, Path file) throws IOException {
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }
}
