package dev.reactorstudio.studio.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Rectangle2D;

/**
 * Where the X server has a window, asked of {@code xwininfo -name TITLE} (x11-utils): the client
 * area's place on the screen and its size, window-manager frame aside. Independent of what JavaFX
 * believes, and it answers while the FX thread is held by a native dialog. For {@link WindowManagerCheck}.
 */
final class XWindow {
    private static final Pattern FIELD = Pattern.compile("^\\s*(Absolute upper-left X|Absolute upper-left Y|Width|Height):\\s*(-?\\d+)", Pattern.MULTILINE);

    private XWindow() {
    }

    /** The mapped window titled exactly {@code title}; empty when there is none (or it is not mapped yet). */
    static Optional<Rectangle2D> client(String title) throws IOException, InterruptedException {
        Process xwininfo = new ProcessBuilder("xwininfo", "-name", title).redirectErrorStream(true).start();
        String text = new String(xwininfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!xwininfo.waitFor(10, TimeUnit.SECONDS) || xwininfo.exitValue() != 0 || !text.contains("IsViewable")) {
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    /** Waits up to {@code seconds} for the window to be mapped. */
    static Rectangle2D await(String title, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Optional<Rectangle2D> found = client(title);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no window titled \"" + title + "\" was mapped in " + seconds + " s");
    }

    static Rectangle2D parse(String xwininfoOutput) {
        double[] values = new double[4];
        Matcher m = FIELD.matcher(xwininfoOutput);
        int found = 0;
        while (m.find()) {
            int index = switch (m.group(1)) {
                case "Absolute upper-left X" -> 0;
                case "Absolute upper-left Y" -> 1;
                case "Width" -> 2;
                default -> 3;
            };
            values[index] = Double.parseDouble(m.group(2));
            found |= 1 << index;
        }
        if (found != 0b1111) {
            throw new IllegalArgumentException("xwininfo said no geometry:\n" + xwininfoOutput);
        }
        return new Rectangle2D(values[0], values[1], values[2], values[3]);
    }

    /** {@code 600x317+500+241}, as X writes a geometry. */
    static String describe(Rectangle2D r) {
        return String.format("%.0fx%.0f+%.0f+%.0f", r.getWidth(), r.getHeight(), r.getMinX(), r.getMinY());
    }
}
