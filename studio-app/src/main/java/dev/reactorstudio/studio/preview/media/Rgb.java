package dev.reactorstudio.studio.preview.media;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/** Packed RGB ({@code height*width*3}) out of what sources deliver. */
final class Rgb {
    private Rgb() {
    }

    static byte[] of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
        return rgb;
    }

    /** Rows of {@code width*3} bytes, {@code stride} bytes apart (FFmpeg pads rows). */
    static byte[] of(ByteBuffer pixels, int width, int height, int stride) {
        byte[] rgb = new byte[width * height * 3];
        ByteBuffer source = pixels.duplicate();
        for (int y = 0; y < height; y++) {
            source.position(y * stride);
            source.get(rgb, y * width * 3, width * 3);
        }
        return rgb;
    }
}
