package dev.reactorstudio.studio.preview.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A still image (PNG, JPEG, GIF, BMP) sent over and over at {@value #FPS} fps, as a camera pointed at it would. */
final class ImagePump implements MediaPump {
    static final int FPS = 30;
    private static final long INTERVAL_NANOS = 1_000_000_000L / FPS;

    private final String name;
    private final byte[] rgb;
    private final int width;
    private final int height;
    private final FeedTarget.Clock clock;
    private long next = System.nanoTime();

    private ImagePump(String name, byte[] rgb, int width, int height, FeedTarget.Clock clock) {
        this.name = name;
        this.rgb = rgb;
        this.width = width;
        this.height = height;
        this.clock = clock;
    }

    static ImagePump open(InputSource source, FeedTarget.Clock clock) throws SourceException {
        BufferedImage image;
        try {
            image = ImageIO.read(Path.of(source.location()).toFile());
        } catch (IOException e) {
            throw new SourceException("Cannot read " + source.location() + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new SourceException(source.shortName() + " is not an image Java can read (PNG, JPEG, GIF or BMP)");
        }
        return new ImagePump(source.shortName(), Rgb.of(image), image.getWidth(), image.getHeight(), clock);
    }

    @Override
    public void pump(FeedTarget target) {
        if (clock.waitUntil(next)) {
            target.video(rgb.clone(), width, height); // the model owns what it gets
        }
        long now = System.nanoTime();
        next = now - next > 5 * INTERVAL_NANOS ? now + INTERVAL_NANOS : next + INTERVAL_NANOS;
    }

    @Override
    public String describe() {
        return name + " · " + width + "×" + height + " · " + FPS + " fps";
    }

    @Override
    public void close() {
        // nothing native
    }
}
