package dev.reactorstudio.runtime.frame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what authors pass to {@code emitBlock} into packed RGB frames. Each input is copied
 * exactly once (the model may reuse its buffers right after the call returns).
 */
public final class FrameConverter {
    private FrameConverter() {}

    public static FrameBlock fromBytes(byte[] rgb, int... shape) {
        if (rgb == null) {
            throw new IllegalArgumentException("emitBlock: byte data is null — pass null alone for a black frame");
        }
        FrameShape s = FrameShape.of(shape);
        s.requireValues(rgb.length, "byte[]");
        List<byte[]> frames = new ArrayList<>(s.count());
        for (int i = 0; i < s.count(); i++) {
            byte[] frame = new byte[s.frameBytes()];
            System.arraycopy(rgb, i * s.frameBytes(), frame, 0, s.frameBytes());
            frames.add(frame);
        }
        return new FrameBlock(s.width(), s.height(), frames);
    }

    public static FrameBlock fromBuffer(ByteBuffer rgb, int... shape) {
        if (rgb == null) {
            throw new IllegalArgumentException("emitBlock: ByteBuffer is null — pass null alone for a black frame");
        }
        FrameShape s = FrameShape.of(shape);
        ByteBuffer view = rgb.duplicate();
        s.requireValues(view.remaining(), "ByteBuffer (position to limit)");
        List<byte[]> frames = new ArrayList<>(s.count());
        for (int i = 0; i < s.count(); i++) {
            byte[] frame = new byte[s.frameBytes()];
            view.get(frame);
            frames.add(frame);
        }
        return new FrameBlock(s.width(), s.height(), frames);
    }

    public static FrameBlock fromFloats(float[] rgb, int... shape) {
        if (rgb == null) {
            throw new IllegalArgumentException("emitBlock: float data is null — pass null alone for a black frame");
        }
        FrameShape s = FrameShape.of(shape);
        s.requireValues(rgb.length, "float[]");
        boolean fused = UnitFloatKernel.available();
        List<byte[]> frames = new ArrayList<>(s.count());
        for (int f = 0; f < s.count(); f++) {
            byte[] frame = new byte[s.frameBytes()];
            int first = f * s.frameBytes();
            // The native pass says only "something was out of range"; the Java loop finds what and where.
            if (!fused || !UnitFloatKernel.toBytes(rgb, first, frame)) {
                convertFloats(rgb, first, frame);
            }
            frames.add(frame);
        }
        return new FrameBlock(s.width(), s.height(), frames);
    }

    private static void convertFloats(float[] rgb, int first, byte[] frame) {
        for (int i = 0; i < frame.length; i++) {
            float v = rgb[first + i];
            // The negated test also catches NaN.
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("emitBlock: float frames must be in 0..1; value " + v
                        + " at index " + (first + i) + " — scale uint8 data by 1/255 or pass it as byte[]");
            }
            frame[i] = (byte) (int) (v * 255f + 0.5f);
        }
    }

    public static FrameBlock fromImages(BufferedImage... images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("emitBlock: no images given");
        }
        if (images[0] == null) {
            throw new IllegalArgumentException("emitBlock: image 0 is null — for a black frame pass null alone: "
                    + "emitBlock((BufferedImage[]) null)");
        }
        int width = images[0].getWidth();
        int height = images[0].getHeight();
        List<byte[]> frames = new ArrayList<>(images.length);
        for (int i = 0; i < images.length; i++) {
            BufferedImage image = images[i];
            if (image == null) {
                throw new IllegalArgumentException("emitBlock: image " + i + " is null");
            }
            if (image.getWidth() != width || image.getHeight() != height) {
                throw new IllegalArgumentException("emitBlock: all images of a block must have one size; image " + i
                        + " is " + image.getWidth() + "x" + image.getHeight() + ", image 0 is " + width + "x" + height);
            }
            frames.add(toRgb(image));
        }
        return new FrameBlock(width, height, frames);
    }

    /** Packed RGB of one image, reading the raster directly for the common types. */
    static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                if (image.getRaster().getDataBuffer() instanceof DataBufferByte db && isPacked(image, 3)) {
                    byte[] bgr = db.getData();
                    for (int i = 0; i < out.length; i += 3) {
                        out[i] = bgr[i + 2];
                        out[i + 1] = bgr[i + 1];
                        out[i + 2] = bgr[i];
                    }
                    return out;
                }
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE -> {
                if (image.getRaster().getDataBuffer() instanceof DataBufferInt db && isPacked(image, 1)
                        && image.getType() != BufferedImage.TYPE_INT_ARGB_PRE) {
                    packInts(db.getData(), out);
                    return out;
                }
            }
            default -> { }
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                int p = row[x];
                out[o] = (byte) (p >> 16);
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) p;
            }
        }
        return out;
    }

    private static void packInts(int[] pixels, byte[] out) {
        for (int i = 0, o = 0; i < pixels.length; i++, o += 3) {
            int p = pixels[i];
            out[o] = (byte) (p >> 16);
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) p;
        }
    }

    /** True when the raster is the image's own, unshared, tightly packed buffer (not a sub-image). */
    private static boolean isPacked(BufferedImage image, int elementsPerPixel) {
        var raster = image.getRaster();
        return raster.getParent() == null && raster.getMinX() == 0 && raster.getMinY() == 0
                && raster.getDataBuffer().getSize() == image.getWidth() * image.getHeight() * elementsPerPixel
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
    }
}
