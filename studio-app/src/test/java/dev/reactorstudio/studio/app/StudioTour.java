package dev.reactorstudio.studio.app;

import static dev.reactorstudio.studio.app.ScriptedStudio.fx;
import static dev.reactorstudio.studio.app.ScriptedStudio.onFx;

import dev.reactorstudio.studio.project.RecentProjects;
import dev.reactorstudio.studio.services.ServiceState;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
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
    /** "media": only the Preview-feeding-webcam-mirror screenshot (faster than the whole tour). */
    private static boolean mediaOnly;

    private StudioTour() {
    }

    /** Not the Application itself: JavaFX on the class path refuses a main class that extends Application. */
    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath();
        mediaOnly = args.length > 1 && args[1].equals("media");
        Application.launch(Tour.class, args);
    }

    /** The tour's application. */
    public static final class Tour extends Application {
    private Studio studio;

    @Override
    public void start(Stage stage) throws Exception {
        ScriptedStudio scripted = new ScriptedStudio("studio-tour");
        Preferences prefs = scripted.prefs;
        prefs.put("theme", Theme.LIGHT.name());
        prefs.putDouble("window.width", 1600);
        prefs.putDouble("window.height", 1000);
        prefs.putDouble("window.x", 0);
        prefs.putDouble("window.y", 0);
        // A recent list as a returning user has it: one model that is there, one deleted since.
        RecentProjects recent = new RecentProjects(prefs);
        recent.add(scripted.home.resolve("ReactorStudio/old-experiment"));
        recent.add(TestStudio.exampleCopy().getParent().resolve("hello-pattern"));
        recent.closed();
        studio = scripted.open(stage);
        studio.services().endpoints().forEach(e -> e.requestedPort().set(0));
        scripted.runThenExit(this::tour, () -> studio, () -> { });
    }

    private void tour() throws Exception {
        waitFor(() -> Studio.firstPaintMillis() >= 0);
        if (mediaOnly) {
            media();
            return;
        }
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
        fx(() -> studio.theme().current().set(Theme.LIGHT));
        fx(() -> studio.runActions().stop());
        waitFor(() -> onFx(() -> studio.services().state().get() == ServiceState.STOPPED));
        media();
    }

    /**
     * examples/webcam-mirror fed from the Preview: a generated picture into {@code webcam}, a
     * generated tone into {@code mic}, the model's own tone on the level meter.
     */
    private void media() throws Exception {
        Path inputs = Files.createTempDirectory("tour-inputs");
        Path picture = inputs.resolve("sunset.png");
        ImageIO.write(sunset(640, 480), "png", picture.toFile());
        Path tone = inputs.resolve("a440.wav");
        javax.sound.sampled.AudioFormat format = new javax.sound.sampled.AudioFormat(48_000, 16, 1, true, false);
        byte[] pcm = new byte[48_000 * 2];
        for (int i = 0; i < 48_000; i++) {
            short s = (short) (Math.sin(2 * Math.PI * 440 * i / 48_000.0) * 8_000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        try (var in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm), format, 48_000)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, tone.toFile());
        }
        fx(() -> studio.projectActions().open(PreviewInputsTest.webcamMirror()));
        fx(() -> studio.runActions().run());
        waitFor(() -> onFx(() -> studio.services().state().get() == ServiceState.UP && studio.preview().connected().get()));
        fx(() -> studio.dockForTest().show("preview"));
        fx(() -> studio.dockForTest().show("messages"));
        fx(() -> feed("webcam", dev.reactorstudio.studio.preview.media.InputSource.Kind.IMAGE, picture));
        fx(() -> feed("mic", dev.reactorstudio.studio.preview.media.InputSource.Kind.AUDIO_FILE, tone));
        fx(() -> studio.dockForTest().show("preview"));
        Thread.sleep(4000);
        screenshot(out.resolve("preview-media.png"));
    }

    /** Chooses {@code kind} in the input's row and types the file's path into it, as the author would. */
    @SuppressWarnings("unchecked")
    private void feed(String track, dev.reactorstudio.studio.preview.media.InputSource.Kind kind, Path file) {
        var scene = studio.sceneForTour();
        ((javafx.scene.control.ComboBox<dev.reactorstudio.studio.preview.media.InputSource.Kind>) scene.lookup("#input-" + track + "-source"))
                .setValue(kind);
        var field = (javafx.scene.control.TextField) scene.lookup("#input-" + track + "-file");
        field.setText(file.toString());
        field.fireEvent(new javafx.event.ActionEvent());
    }

    /** A picture worth mirroring: a warm gradient with a sun. */
    private static BufferedImage sunset(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(40, 30, 110), 0, height, new java.awt.Color(250, 140, 60)));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(255, 220, 120));
        g.fillOval(width / 5, height / 2, height / 4, height / 4);
        g.setColor(new java.awt.Color(30, 25, 50));
        g.fillRect(0, height * 4 / 5, width, height / 5);
        g.dispose();
        return image;
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
        ScriptedStudio.writePng(onFx(() -> studio.sceneForTour().snapshot(null)), file);
        System.out.println("TOUR screenshot " + file);
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
