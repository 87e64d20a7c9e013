package dev.reactorstudio.studio.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures start-up as the author feels it: from JVM start to the first pulse that lays out the
 * shown window (its rendering follows in that same pulse). Logged once, and kept for the About box.
 * Work that the first frame does not need waits for it ({@link #whenPainted}).
 */
final class FirstPaint {
    private static final Logger LOG = LoggerFactory.getLogger(FirstPaint.class);
    private static volatile long millis = -1;
    private static final List<Runnable> AFTER = new ArrayList<>();

    private FirstPaint() {
    }

    static void watch(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (scene.getWindow() != null && scene.getWindow().isShowing()) {
                scene.removePostLayoutPulseListener(listener[0]);
                millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                // The process's CPU time too: on a loaded machine the wall time says more about the neighbours.
                long cpuMillis = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getProcessCpuTime() / 1_000_000 : -1;
                LOG.info("Studio window painted {} ms after JVM start ({} ms of CPU)", millis, cpuMillis);
                // After this pulse has rendered: the next turn of the FX thread.
                javafx.application.Platform.runLater(FirstPaint::runAfter);
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /** Runs {@code work} on the FX thread once the window has been painted (at once if it has). FX thread only. */
    static void whenPainted(Runnable work) {
        if (millis >= 0 && AFTER.isEmpty()) {
            work.run();
        } else {
            AFTER.add(work);
        }
    }

    private static void runAfter() {
        while (!AFTER.isEmpty()) {
            AFTER.remove(0).run();
        }
    }

    /** -1 until the window has been painted. */
    static long millis() {
        return millis;
    }
}
