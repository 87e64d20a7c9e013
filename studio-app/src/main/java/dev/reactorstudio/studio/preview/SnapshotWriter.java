package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.frame.Frame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes one frame, full size, as a PNG. */
final class SnapshotWriter {
    private SnapshotWriter() {
    }

    static Path write(Frame frame, Path file) throws IOException {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = frame.rgb();
        int[] row = new int[frame.width()];
        for (int y = 0, i = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++, i += 3) {
                row[x] = (rgb[i] & 255) << 16 | (rgb[i + 1] & 255) << 8 | (rgb[i + 2] & 255);
            }
            image.setRGB(0, y, frame.width(), 1, row, 0, frame.width());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
        return file;
    }
}
