package dev.reactorstudio.studio.app;

import java.lang.management.ManagementFactory;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures start-up as the author feels it: from JVM start to the first pulse that lays out the
 * shown window (its rendering follows in that same pulse). Logged once, and kept for the About box.
 */
final class FirstPaint {
    private static final Logger LOG = LoggerFactory.getLogger(FirstPaint.class);
    private static volatile long millis = -1;

    private FirstPaint() {
    }

    static void watch(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (scene.getWindow() != null && scene.getWindow().isShowing()) {
                scene.removePostLayoutPulseListener(listener[0]);
                millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                LOG.info("Studio window painted {} ms after JVM start", millis);
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /** -1 until the window has been painted. */
    static long millis() {
        return millis;
    }
}
