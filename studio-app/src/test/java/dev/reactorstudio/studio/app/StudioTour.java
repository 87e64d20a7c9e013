package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.services.ServiceState;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import dev.reactorstudio.studio.project.RecentProjects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * A guided run of the real studio under a real X server (scripts/studio-tour.sh runs it in
 * Xvfb): measures start-up to the first painted window and the CPU cost of the preview at the
 * model's 30 fps, and saves light and dark screenshots of the welcome screen and the main window. Not a test: a tool
 * whose numbers go into docs/studio.md.
 */
public final class StudioTour {
    private static final long MEASURE_SECONDS = 10;
    private static Path out;

    private StudioTour() {
    }

    /** Not the Application itself: JavaFX on the class path refuses a main class that extends Application. */
    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath();
        Application.launch(Tour.class, args);
    }

    /** The tour's application. */
    public static final class Tour extends Application {
    private Studio studio;

    // A command-line tool (scripts/studio-tour.sh): the trace on stderr is its failure report.
    @SuppressWarnings("CatchAndPrintStackTrace")
    @Override
    public void start(Stage stage) throws Exception {
        Preferences prefs = Preferences.userRoot().node("dev/reactorstudio/studio-tour/" + UUID.randomUUID());
        prefs.put("theme", Theme.LIGHT.name());
        prefs.putDouble("window.width", 1600);
        prefs.putDouble("window.height", 1000);
        prefs.putDouble("window.x", 0);
        prefs.putDouble("window.y", 0);
        Path captures = Files.createTempDirectory("tour-captures");
        Path home = Files.createTempDirectory("tour-home");
        prefs.put(Studio.EXAMPLES_FOLDER, home.resolve("ReactorStudio/examples").toString());
        // A recent list as a returning user has it: one model that is there, one deleted since.
        RecentProjects recent = new RecentProjects(prefs);
        recent.add(home.resolve("ReactorStudio/old-experiment"));
        recent.add(TestStudio.exampleCopy().getParent().resolve("hello-pattern"));
        recent.closed();
        studio = Studio.open(stage, new Studio.Options(prefs, captures, "127.0.0.1", url -> { }));
        studio.services().endpoints().forEach(e -> e.requestedPort().set(0));
        Thread tour = new Thread(() -> {
            try {
                tour();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    studio.close();
                    try {
                        prefs.removeNode();
                    } catch (Exception ignored) {
                        // a leftover test node is harmless
                    }
                    Platform.exit();
                });
            }
        }, "studio-tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void tour() throws Exception {
        waitFor(() -> Studio.firstPaintMillis() >= 0);
        System.out.println("TOUR startup_to_first_paint_ms=" + Studio.firstPaintMillis() + " (welcome screen; the build's class path, no class-data archive)");
        // The welcome screen once its environment line is filled in, light and dark.
        waitFor(() -> onFx(() -> studio.sceneForTour().lookup("#env-python") != null));
        Thread.sleep(500);
        Files.createDirectories(out);
        screenshot(out.resolve("welcome-light.png"));
        fx(() -> studio.theme().current().set(Theme.DARK));
        Thread.sleep(1500);
        screenshot(out.resolve("welcome-dark.png"));
        fx(() -> studio.theme().current().set(Theme.LIGHT));
        long opening = System.nanoTime();
        fx(() -> studio.projectActions().open(TestStudio.example()));
        fx(() -> { }); // one more turn of the FX thread: the IDE layout has been built and laid out
        System.out.printf("TOUR open_example_ms=%d%n", (System.nanoTime() - opening) / 1_000_000);
        fx(() -> studio.runActions().run());
        waitFor(() -> onFx(() -> studio.services().state().get() == ServiceState.UP));
        fx(() -> studio.dockForTest().show("preview"));
        Thread.sleep(3000);
        fx(() -> studio.dockForTest().show("messages"));
        measure("preview_showing");
        fx(() -> studio.dockForTest().show("weights"));
        measure("preview_hidden_session_running");
        fx(() -> studio.preview().disconnect());
        measure("no_session");
        fx(() -> studio.preview().connect());
        fx(() -> studio.dockForTest().show("preview"));
        fx(() -> studio.dockForTest().show("services"));
        Thread.sleep(4000);
        Files.createDirectories(out);
        screenshot(out.resolve("studio-light.png"));
        fx(() -> studio.theme().current().set(Theme.DARK));
        Thread.sleep(1500);
        screenshot(out.resolve("studio-dark.png"));
    }

    /** Process CPU over a window, as a share of one core, and the frames delivered meanwhile. */
    private void measure(String phase) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(1500); // let the phase settle
        long frames0 = delivered();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_SECONDS * 1000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds;
        double fps = (delivered() - frames0) / seconds;
        System.out.printf("TOUR %s cpu_percent_of_one_core=%.1f delivered_fps=%.1f%n", phase, cores * 100, fps);
    }

    private long delivered() throws Exception {
        return onFx(() -> studio.preview().statsForTour());
    }

    private void screenshot(Path file) throws Exception {
        WritableImage image = onFx(() -> studio.sceneForTour().snapshot(null));
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
        System.out.println("TOUR screenshot " + file);
    }

    private static void fx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
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

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tour step timed out");
            }
            Thread.sleep(100);
        }
    }
    }
}
