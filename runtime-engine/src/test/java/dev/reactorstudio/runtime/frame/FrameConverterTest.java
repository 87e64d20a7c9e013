package dev.reactorstudio.runtime.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameConverterTest {

    /** A 3x2 image (W=3, H=2) with a distinct colour per pixel, as packed RGB. */
    private static final int WIDTH = 3;
    private static final int HEIGHT = 2;
    private static final int[] PIXELS = {
            0xFF0000, 0x00FF00, 0x0000FF,
            0x102030, 0xA0B0C0, 0xFFFFFF,
    };

    private static byte[] expectedRgb() {
        byte[] rgb = new byte[PIXELS.length * 3];
        for (int i = 0; i < PIXELS.length; i++) {
            rgb[i * 3] = (byte) (PIXELS[i] >> 16);
            rgb[i * 3 + 1] = (byte) (PIXELS[i] >> 8);
            rgb[i * 3 + 2] = (byte) PIXELS[i];
        }
        return rgb;
    }

    private static BufferedImage image(int type) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, type);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, 0xFF000000 | PIXELS[y * WIDTH + x]);
            }
        }
        return image;
    }

    @Nested
    class RawArrays {

        @Test
        void singleFrameFromBytesKeepsRowMajorRgb() {
            FrameBlock block = FrameConverter.fromBytes(expectedRgb(), HEIGHT, WIDTH, 3);

            assertThat(block.size()).isEqualTo(1);
            assertThat(block.width()).isEqualTo(WIDTH);
            assertThat(block.height()).isEqualTo(HEIGHT);
            assertThat(block.frames().get(0)).containsExactly(expectedRgb());
        }

        @Test
        void blockFromBytesIsSplitIntoFramesInOrder() {
            byte[] data = new byte[4 * 2 * 2 * 3];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i / 12); // every frame filled with its own index
            }

            FrameBlock block = FrameConverter.fromBytes(data, 4, 2, 2, 3);

            assertThat(block.size()).isEqualTo(4);
            for (int f = 0; f < 4; f++) {
                byte[] expected = new byte[12];
                Arrays.fill(expected, (byte) f);
                assertThat(block.frames().get(f)).as("frame %d", f).containsExactly(expected);
            }
        }

        @Test
        void byteBufferIsReadFromPositionToLimitWithoutMovingTheCallersPosition() {
            byte[] payload = expectedRgb();
            ByteBuffer buffer = ByteBuffer.allocate(payload.length + 10);
            buffer.position(4);
            buffer.put(payload);
            buffer.position(4).limit(4 + payload.length);

            FrameBlock block = FrameConverter.fromBuffer(buffer, HEIGHT, WIDTH, 3);

            assertThat(block.frames().get(0)).containsExactly(payload);
            assertThat(buffer.position()).isEqualTo(4);
            assertThat(buffer.limit()).isEqualTo(4 + payload.length);
        }

        @Test
        void directByteBufferBlockIsSupported() {
            byte[] payload = new byte[2 * 2 * 2 * 3];
            payload[12] = 42;
            ByteBuffer buffer = ByteBuffer.allocateDirect(payload.length);
            buffer.put(payload).flip();

            FrameBlock block = FrameConverter.fromBuffer(buffer, 2, 2, 2, 3);

            assertThat(block.size()).isEqualTo(2);
            assertThat(block.frames().get(1)[0]).isEqualTo((byte) 42);
            assertThat(buffer.remaining()).isEqualTo(payload.length);
        }

        @Test
        void floatsInZeroToOneAreScaledAndRounded() {
            float[] data = {0f, 1f, 0.5f, 0.25f, 0.75f, 1f / 255f};

            FrameBlock block = FrameConverter.fromFloats(data, 1, 2, 3);

            assertThat(block.frames().get(0))
                    .containsExactly((byte) 0, (byte) 255, (byte) 128, (byte) 64, (byte) 191, (byte) 1);
        }

        @Test
        void floatAboveOneIsRejectedNamingItsIndex() {
            float[] data = new float[12];
            data[7] = 1.5f;

            assertThatThrownBy(() -> FrameConverter.fromFloats(data, 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1.5")
                    .hasMessageContaining("index 7")
                    .hasMessageContaining("0..1");
        }

        @Test
        void nanIsRejectedNamingItsIndex() {
            float[] data = new float[24];
            data[20] = Float.NaN;

            assertThatThrownBy(() -> FrameConverter.fromFloats(data, 2, 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NaN")
                    .hasMessageContaining("index 20");
        }

        @Test
        void negativeFloatIsRejected() {
            float[] data = new float[3];
            data[0] = -0.01f;

            assertThatThrownBy(() -> FrameConverter.fromFloats(data, 1, 1, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("index 0");
        }

        @Test
        void wrongLengthIsRejectedWithBothCounts() {
            assertThatThrownBy(() -> FrameConverter.fromBytes(new byte[100], 480, 640, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("100")
                    .hasMessageContaining(String.valueOf(480 * 640 * 3))
                    .hasMessageContaining("(480,640,3)");
            assertThatThrownBy(() -> FrameConverter.fromFloats(new float[11], 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("11");
            assertThatThrownBy(() -> FrameConverter.fromBuffer(ByteBuffer.allocate(13), 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("13");
        }

        @Test
        void nullDataIsRejectedWithAHint() {
            assertThatThrownBy(() -> FrameConverter.fromBytes(null, 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> FrameConverter.fromBuffer(null, 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> FrameConverter.fromFloats(null, 2, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        }

        @Test
        void inputArrayIsCopied() {
            byte[] data = expectedRgb();
            FrameBlock block = FrameConverter.fromBytes(data, HEIGHT, WIDTH, 3);

            Arrays.fill(data, (byte) 7);

            assertThat(block.frames().get(0)).containsExactly(expectedRgb());
        }

        @Test
        void inputBufferAndFloatsAreCopied() {
            ByteBuffer buffer = ByteBuffer.wrap(expectedRgb());
            float[] floats = new float[HEIGHT * WIDTH * 3];
            FrameBlock fromBuffer = FrameConverter.fromBuffer(buffer, HEIGHT, WIDTH, 3);
            FrameBlock fromFloats = FrameConverter.fromFloats(floats, HEIGHT, WIDTH, 3);

            buffer.put(0, (byte) 99);
            Arrays.fill(floats, 1f);

            assertThat(fromBuffer.frames().get(0)).containsExactly(expectedRgb());
            assertThat(fromFloats.frames().get(0)).containsOnly((byte) 0);
        }
    }

    @Nested
    class Images {

        @Test
        void commonImageTypesGiveTheSameRgbBytes() {
            for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
                    BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR,
                    BufferedImage.TYPE_4BYTE_ABGR}) {
                FrameBlock block = FrameConverter.fromImages(image(type));

                assertThat(block.width()).isEqualTo(WIDTH);
                assertThat(block.height()).isEqualTo(HEIGHT);
                assertThat(block.frames().get(0)).as("image type %d", type).containsExactly(expectedRgb());
            }
        }

        @Test
        void subImageGivesOnlyItsOwnPixels() {
            for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
                    BufferedImage.TYPE_INT_ARGB}) {
                // Embed the test picture at (2,1) in a larger image, then cut it out again.
                BufferedImage big = new BufferedImage(WIDTH + 4, HEIGHT + 3, type);
                for (int y = 0; y < big.getHeight(); y++) {
                    for (int x = 0; x < big.getWidth(); x++) {
                        big.setRGB(x, y, 0xFF777777);
                    }
                }
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        big.setRGB(x + 2, y + 1, 0xFF000000 | PIXELS[y * WIDTH + x]);
                    }
                }

                FrameBlock block = FrameConverter.fromImages(big.getSubimage(2, 1, WIDTH, HEIGHT));

                assertThat(block.frames().get(0)).as("sub-image of type %d", type).containsExactly(expectedRgb());
            }
        }

        @Test
        void subImageAtTheOriginWithFullWidthIsNotMistakenForTheWholeImage() {
            BufferedImage big = image(BufferedImage.TYPE_3BYTE_BGR);

            FrameBlock block = FrameConverter.fromImages(big.getSubimage(0, 0, WIDTH, 1));

            assertThat(block.height()).isEqualTo(1);
            assertThat(block.frames().get(0)).containsExactly(Arrays.copyOf(expectedRgb(), WIDTH * 3));
        }

        @Test
        void grayImageGoesThroughTheGenericPathAndMatchesRgb() {
            // Black and white survive the grey colour space unchanged, so both paths must agree exactly.
            int[] bw = {0x000000, 0xFFFFFF, 0x000000, 0xFFFFFF, 0xFFFFFF, 0x000000};
            BufferedImage gray = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage bgr = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < bw.length; i++) {
                gray.getRaster().setSample(i % WIDTH, i / WIDTH, 0, bw[i] == 0 ? 0 : 255);
                bgr.setRGB(i % WIDTH, i / WIDTH, 0xFF000000 | bw[i]);
            }

            byte[] fromGray = FrameConverter.fromImages(gray).frames().get(0);

            assertThat(fromGray).containsExactly(FrameConverter.fromImages(bgr).frames().get(0));
            assertThat(fromGray[3]).isEqualTo((byte) 255);
            assertThat(fromGray[0]).isEqualTo((byte) 0);
        }

        @Test
        void severalImagesBecomeOneBlockInOrder() {
            BufferedImage first = image(BufferedImage.TYPE_INT_RGB);
            BufferedImage second = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);

            FrameBlock block = FrameConverter.fromImages(first, second);

            assertThat(block.size()).isEqualTo(2);
            assertThat(block.frames().get(0)).containsExactly(expectedRgb());
            assertThat(block.frames().get(1)).containsOnly((byte) 0);
        }

        @Test
        void imagePixelsAreCopied() {
            BufferedImage source = image(BufferedImage.TYPE_INT_RGB);
            FrameBlock block = FrameConverter.fromImages(source);

            source.setRGB(0, 0, 0xFF123456);

            assertThat(block.frames().get(0)).containsExactly(expectedRgb());
        }

        @Test
        void mixedImageSizesAreRejectedNamingTheOddOne() {
            BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            BufferedImage b = new BufferedImage(4, 5, BufferedImage.TYPE_INT_RGB);

            assertThatThrownBy(() -> FrameConverter.fromImages(a, a, b))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 2")
                    .hasMessageContaining("4x5")
                    .hasMessageContaining("4x4");
        }

        @Test
        void nullImageIsRejectedNamingItsIndex() {
            BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

            assertThatThrownBy(() -> FrameConverter.fromImages(a, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 1 is null");
            assertThatThrownBy(() -> FrameConverter.fromImages(null, a))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 0 is null");
        }

        @Test
        void noImagesIsRejected() {
            assertThatThrownBy(FrameConverter::fromImages)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no images");
        }
    }
}
