package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.reactorstudio.runtime.frame.Frame;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** libyuv's R,G,B ↔ I420 conversions as the media engine uses them (no network: runs everywhere). */
class I420FrameConverterTest {
    /** 2×2 blocks, so 4:2:0 chroma never mixes two colours: red, green, blue, white, black, a brown. */
    private static final int[] COLOURS = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0xA05020};
    /** BT.601 limited range Y, U, V of each colour (libyuv's matrix for RGB24/RAW). */
    private static final int[][] YUV = {{82, 90, 240}, {144, 54, 34}, {41, 240, 110}, {235, 128, 128}, {16, 128, 128},
            {101, 95, 166}};

    @Test
    void thePinnedWebrtcJavaConvertsRgbNativelyWithNoJavaPass() {
        assertThat(LibyuvRaw.available())
                .as("webrtc-java's libyuv entry points (a webrtc-java upgrade may have renamed them: see LibyuvRaw)")
                .isTrue();
        assertThat(new I420FrameConverter().nativeRaw()).isTrue();
    }

    @Test
    void knownColoursBecomeTheirBt601ValuesAndComeBackWithinASmallTolerance() throws Exception {
        for (boolean nativeRaw : new boolean[] {true, false}) {
            I420FrameConverter converter = new I420FrameConverter(nativeRaw);
            Frame frame = blocks();
            NativeI420Buffer i420 = converter.convert(frame);
            try {
                for (int c = 0; c < COLOURS.length; c++) {
                    int x = c * 2;
                    assertThat(sample(i420.getDataY(), i420.getStrideY(), x, 0)).as("Y of %06X", COLOURS[c])
                            .isBetween(YUV[c][0] - 2, YUV[c][0] + 2);
                    assertThat(sample(i420.getDataU(), i420.getStrideU(), x / 2, 0)).as("U of %06X", COLOURS[c])
                            .isBetween(YUV[c][1] - 2, YUV[c][1] + 2);
                    assertThat(sample(i420.getDataV(), i420.getStrideV(), x / 2, 0)).as("V of %06X", COLOURS[c])
                            .isBetween(YUV[c][2] - 2, YUV[c][2] + 2);
                }
                byte[] back = converter.toRgb(i420);
                assertThat(back).hasSameSizeAs(frame.rgb());
                for (int i = 0; i < back.length; i++) {
                    assertThat(back[i] & 255).as("byte %d (channel %d) after the round trip, native %s", i, i % 3, nativeRaw)
                            .isBetween((frame.rgb()[i] & 255) - 4, (frame.rgb()[i] & 255) + 4);
                }
            } finally {
                i420.release();
            }
        }
    }

    @Test
    void nativeAndJavaSwapPathsAgreeExactlyOnArbitraryPixels() throws Exception {
        byte[] rgb = new byte[64 * 36 * 3];
        new Random(12).nextBytes(rgb);
        Frame frame = new Frame("s", 0, 64, 36, rgb, 0, 0);
        I420FrameConverter nativeRaw = new I420FrameConverter(true);
        I420FrameConverter swapped = new I420FrameConverter(false);
        NativeI420Buffer a = nativeRaw.convert(frame);
        NativeI420Buffer b = swapped.convert(frame);
        try {
            assertThat(planes(a)).isEqualTo(planes(b));
            assertThat(nativeRaw.toRgb(a)).isEqualTo(swapped.toRgb(a));
            assertThat(rgb).as("the model's frame is left untouched").isEqualTo(frame.rgb());
        } finally {
            a.release();
            b.release();
        }
    }

    @Test
    void oddSizesAndSizeChangesReuseNothingStale() throws Exception {
        I420FrameConverter converter = new I420FrameConverter();
        for (int[] size : new int[][] {{5, 3}, {16, 8}, {1, 1}, {5, 3}}) {
            byte[] rgb = new byte[size[0] * size[1] * 3];
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = (byte) 0xA0;
                rgb[i + 1] = 0x50;
                rgb[i + 2] = 0x20;
            }
            NativeI420Buffer i420 = converter.convert(new Frame("s", 0, size[0], size[1], rgb, 0, 0));
            try {
                byte[] back = converter.toRgb(i420);
                assertThat(back).hasSize(rgb.length);
                for (int i = 0; i < back.length; i++) {
                    assertThat(back[i] & 255).isBetween((rgb[i] & 255) - 4, (rgb[i] & 255) + 4);
                }
            } finally {
                i420.release();
            }
        }
    }

    @Test
    void aBufferTooSmallForTheFrameIsRefusedBeforeLibyuvReadsIt() {
        NativeI420Buffer i420 = NativeI420Buffer.allocate(16, 16);
        try {
            assertThatThrownBy(() -> LibyuvRaw.toI420(ByteBuffer.allocateDirect(16 * 16 * 3 - 1), 16, 16, i420))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("768 bytes");
            assertThatThrownBy(() -> LibyuvRaw.fromI420(i420, ByteBuffer.allocate(16 * 16 * 3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direct");
            assertThatThrownBy(() -> LibyuvRaw.toI420(ByteBuffer.allocateDirect(16 * 16 * 3), 8, 8, i420))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16x16");
        } finally {
            i420.release();
        }
    }

    private static Frame blocks() {
        int width = COLOURS.length * 2;
        int height = 2;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int colour = COLOURS[x / 2];
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (colour >> 16);
                rgb[i + 1] = (byte) (colour >> 8);
                rgb[i + 2] = (byte) colour;
            }
        }
        return new Frame("s", 0, width, height, rgb, 0, 0);
    }

    private static int sample(ByteBuffer plane, int stride, int x, int y) {
        return plane.get(y * stride + x) & 255;
    }

    private static byte[] planes(I420Buffer i420) {
        int w = i420.getWidth();
        int h = i420.getHeight();
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        ByteBuffer out = ByteBuffer.allocate(w * h + 2 * cw * ch);
        copy(i420.getDataY(), i420.getStrideY(), w, h, out);
        copy(i420.getDataU(), i420.getStrideU(), cw, ch, out);
        copy(i420.getDataV(), i420.getStrideV(), cw, ch, out);
        return out.array();
    }

    private static void copy(ByteBuffer plane, int stride, int width, int height, ByteBuffer out) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.put(plane.get(y * stride + x));
            }
        }
    }
}
