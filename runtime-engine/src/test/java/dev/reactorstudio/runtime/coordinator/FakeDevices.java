package dev.reactorstudio.runtime.coordinator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files for Chromium's fake camera and microphone ({@code --use-file-for-fake-video-capture},
 * {@code --use-file-for-fake-audio-capture}), made by the test so what the model should see and
 * hear is known exactly: a y4m of one colour (optionally stamped with a frame counter the page
 * reads back) and a wav of a sine tone.
 */
public final class FakeDevices {
    private FakeDevices() {
    }

    /** BT.601 limited range, what libyuv and Chromium use for I420 ↔ RGB. */
    static int[] yuv(int r, int g, int b) {
        int y = (int) Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
        int u = (int) Math.round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255);
        int v = (int) Math.round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255);
        return new int[] {y, u, v};
    }

    /**
     * A {@code width}x{@code height} 30 fps y4m of {@code frames} frames filled with {@code rgb};
     * with {@code stamp}, each frame's index is drawn in the top-left 256x16 pixels as 16 black/white
     * 16x16 cells, bit 15 first (the layout {@code e2e/js-sdk/page.js} reads).
     */
    public static Path y4m(Path file, int width, int height, int frames, int[] rgb, boolean stamp) throws IOException {
        int[] yuv = yuv(rgb[0], rgb[1], rgb[2]);
        byte[] y = new byte[width * height];
        byte[] u = new byte[width * height / 4];
        byte[] v = new byte[width * height / 4];
        java.util.Arrays.fill(u, (byte) yuv[1]);
        java.util.Arrays.fill(v, (byte) yuv[2]);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < frames; f++) {
                java.util.Arrays.fill(y, (byte) yuv[0]);
                if (stamp) {
                    for (int bit = 0; bit < 16; bit++) {
                        boolean one = ((f >> (15 - bit)) & 1) == 1;
                        for (int row = 0; row < 16; row++) {
                            java.util.Arrays.fill(y, row * width + bit * 16, row * width + bit * 16 + 16,
                                    (byte) (one ? 235 : 16));
                        }
                    }
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                if (stamp) {
                    // Neutral chroma under the cells, so they read as black/white.
                    byte[] uu = u.clone();
                    byte[] vv = v.clone();
                    for (int row = 0; row < 8; row++) {
                        java.util.Arrays.fill(uu, row * width / 2, row * width / 2 + 128, (byte) 128);
                        java.util.Arrays.fill(vv, row * width / 2, row * width / 2 + 128, (byte) 128);
                    }
                    out.write(uu);
                    out.write(vv);
                } else {
                    out.write(u);
                    out.write(v);
                }
            }
        }
        return file;
    }

    /** A 48 kHz mono 16-bit wav of {@code seconds} of a {@code hz} sine at {@code amplitude} (0..1). */
    public static Path wav(Path file, double hz, double amplitude, int seconds) throws IOException {
        int rate = 48_000;
        int samples = rate * seconds;
        ByteBuffer data = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767));
        }
        Files.write(file, data.array());
        return file;
    }

    /** Deletes a folder of generated device files (flat: the y4m and wav files); null is ignored. */
    public static void deleteFolder(Path folder) throws IOException {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(folder);
    }
}
