package dev.reactorstudio.runtime.session;

import java.util.Arrays;

/** Small frame payloads for session tests; every byte of a frame carries a tag so frames can be told apart. */
final class Frames {
    private Frames() {}

    /** One 2x2 frame, shape (2,2,3), filled with {@code tag}. */
    static byte[] tiny(int tag) {
        return filled(2 * 2 * 3, tag);
    }

    /** A block of {@code n} 2x2 frames, shape (n,2,2,3); frame i is filled with {@code firstTag + i}. */
    static byte[] tinyBlock(int n, int firstTag) {
        byte[] data = new byte[n * 12];
        for (int i = 0; i < n; i++) {
            Arrays.fill(data, i * 12, (i + 1) * 12, (byte) (firstTag + i));
        }
        return data;
    }

    static byte[] filled(int length, int tag) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) tag);
        return data;
    }
}
