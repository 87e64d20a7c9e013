package dev.reactorstudio.runtime.api;

/**
 * One video frame from a client: packed RGB, {@code height*width*3} bytes row-major — the layout
 * {@code emitBlock(rgb, height, width, 3)} takes, so a frame can be emitted as it is. The array is
 * the model's own (a fresh copy per frame); the size can change between frames when the client's
 * camera changes resolution.
 *
 * @param sequence       0-based index among the frames this track received this session
 * @param captureNanos   when the frame was captured, on the {@link System#nanoTime()} clock (as the
 *                       transport estimates it; compare with other {@code nanoTime} values)
 * @param receivedNanos  {@link System#nanoTime()} when the runtime received it
 */
public record InputFrame(byte[] rgb, int width, int height, long sequence, long captureNanos, long receivedNanos) {
    public InputFrame {
        if (rgb == null || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("an input frame needs " + width + "*" + height + "*3 bytes, got "
                    + (rgb == null ? "null" : rgb.length));
        }
    }

    /** The mean of each channel over the frame, 0..255: {@code [r, g, b]}. */
    public double[] meanRgb() {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            r += rgb[i] & 0xff;
            g += rgb[i + 1] & 0xff;
            b += rgb[i + 2] & 0xff;
        }
        double n = Math.max(1, rgb.length / 3);
        return new double[] {r / n, g / n, b / n};
    }
}
