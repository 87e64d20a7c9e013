package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.frame.Frame;
import javafx.animation.AnimationTimer;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Paints the newest tapped frame into the preview's image, at most once per FX pulse and only
 * when a new frame arrived — so the FX thread copies one frame per screen refresh at most, however
 * fast the model runs. Measures what it painted: count and emit-to-paint latency.
 */
final class FramePainter extends AnimationTimer {
    private final FrameTap tap;
    private final ImageView view;
    private WritableImage image;
    private Frame painted;
    private long paintedCount;
    private double latencyMillis;
    private double previewLatencyMillis;
    private boolean active = true;

    FramePainter(FrameTap tap, ImageView view) {
        this.tap = tap;
        this.view = view;
    }

    // frame == painted: the very frame already on screen (frames are never equal by value anyway).
    @SuppressWarnings("ReferenceEquality")
    @Override
    public void handle(long now) {
        Frame frame = tap.latestOrNull();
        if (!active || frame == null || frame == painted) {
            return;
        }
        if (image == null || (int) image.getWidth() != frame.width() || (int) image.getHeight() != frame.height()) {
            image = new WritableImage(frame.width(), frame.height());
            view.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getByteRgbInstance(),
                frame.rgb(), 0, frame.width() * 3);
        painted = frame;
        paintedCount++;
        long paintedAt = System.nanoTime();
        latencyMillis = smooth(latencyMillis, (paintedAt - frame.emittedNanos()) / 1e6);
        previewLatencyMillis = smooth(previewLatencyMillis, (paintedAt - frame.releasedNanos()) / 1e6);
    }

    private static double smooth(double average, double sample) {
        return average == 0 ? sample : average + 0.1 * (sample - average);
    }

    /** Smoothed time from the pacer's release to the paint, in ms: the preview's own delay. */
    double previewLatencyMillis() {
        return previewLatencyMillis;
    }

    /** Hidden previews do not copy pixels. */
    void setActive(boolean active) {
        this.active = active;
    }

    long paintedCount() {
        return paintedCount;
    }

    /** Smoothed time from {@code emitBlock} to the paint, in ms. */
    double latencyMillis() {
        return latencyMillis;
    }

    Frame paintedFrame() {
        return painted;
    }
}
