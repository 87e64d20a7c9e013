package dev.reactorstudio.runtime.frame;

import java.util.Arrays;

/**
 * A validated {@code (H,W,3)} or {@code (N,H,W,3)} shape. Every message names the shape the
 * author passed and the one expected, so a transposed or channel-first array is easy to spot.
 */
public record FrameShape(int count, int height, int width) {

    /** Largest side we accept; bigger is almost certainly a wrong shape, and would exhaust memory. */
    static final int MAX_SIDE = 8192;

    public int frameBytes() {
        return height * width * 3;
    }

    /** Values in the whole block; {@link #of} guarantees this fits a Java array. */
    public int totalValues() {
        return Math.toIntExact((long) count * frameBytes());
    }

    public static FrameShape of(int... shape) {
        if (shape == null || (shape.length != 3 && shape.length != 4)) {
            throw new IllegalArgumentException("emitBlock: expected shape (H,W,3) or (N,H,W,3); got "
                    + describe(shape) + " — pass the dimensions after the data, e.g. emitBlock(rgb, 480, 640, 3)");
        }
        int n = shape.length == 4 ? shape[0] : 1;
        int h = shape[shape.length - 3];
        int w = shape[shape.length - 2];
        int c = shape[shape.length - 1];
        if (c != 3) {
            String hint = shape[shape.length - 3] == 3 ? " — channel-first data: reorder to (H,W,3)" : "";
            throw new IllegalArgumentException("emitBlock: expected (H,W,3) RGB with 3 channels last; got "
                    + describe(shape) + hint);
        }
        if (n < 1 || h < 1 || w < 1 || h > MAX_SIDE || w > MAX_SIDE || n > 1024) {
            throw new IllegalArgumentException("emitBlock: shape " + describe(shape)
                    + " is out of range — need 1 ≤ N ≤ 1024 and 1 ≤ H, W ≤ " + MAX_SIDE);
        }
        // int arithmetic would wrap (1024*8192*8192*3 is exactly 0 mod 2^32) and let a wrong array through.
        long total = (long) n * h * w * 3;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("emitBlock: shape " + describe(shape) + " needs " + total
                    + " values, more than a Java array can hold — emit fewer or smaller frames per block");
        }
        return new FrameShape(n, h, w);
    }

    public void requireValues(long available, String what) {
        if (available != (long) count * frameBytes()) {
            throw new IllegalArgumentException("emitBlock: " + what + " has " + available + " values but shape "
                    + this + " needs " + totalValues());
        }
    }

    static String describe(int[] shape) {
        if (shape == null || shape.length == 0) {
            return "no shape";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')').replace(" ", "");
    }

    @Override
    public String toString() {
        return count == 1 ? "(" + height + "," + width + ",3)" : "(" + count + "," + height + "," + width + ",3)";
    }
}
