package dev.reactorstudio.runtime.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native float-to-byte pass: the bytes Java's rounding gives, the same refusals, no overruns. */
class UnitFloatKernelTest {

    @BeforeAll
    static void kernelBuilt() {
        // Built whenever gcc was present (runtime-engine/pom.xml); elsewhere the tensor ops cover it.
        assumeTrue(UnitFloatKernel.class.getResource(UnitFloatKernel.libraryName()) != null,
                "native kernel not built (no gcc)");
    }

    @Test
    void builtKernelLoads() {
        assertThat(UnitFloatKernel.available()).isTrue();
    }

    @Test
    void bytesMatchJavasRoundingIncludingEveryThreshold() {
        float[] values = new float[480 * 640 * 3];
        Random random = new Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        // Every rounding threshold k/255 + 0.5/255 and its neighbours, plus the ends and -0.
        int at = 0;
        for (int k = 0; k < 255; k++) {
            float edge = (k + 0.5f) / 255f;
            values[at++] = edge;
            values[at++] = Math.nextDown(edge);
            values[at++] = Math.nextUp(edge);
        }
        values[at++] = 0f;
        values[at++] = 1f;
        values[at++] = -0f;
        values[at] = Math.nextDown(1f);
        byte[] expected = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = (byte) (int) (values[i] * 255f + 0.5f); // what emitBlock(float[]) always did
        }
        byte[] fromBuffer = new byte[values.length];
        assertThat(UnitFloatKernel.toBytes(direct(values), 0, fromBuffer)).isTrue();
        assertThat(fromBuffer).isEqualTo(expected);
        byte[] fromArray = new byte[values.length];
        assertThat(UnitFloatKernel.toBytes(values, 0, fromArray)).isTrue();
        assertThat(fromArray).isEqualTo(expected);
    }

    @Test
    void convertsTheRequestedFrameOfABatch() {
        float[] values = {0f, 0f, 0f, 1f, 0.5f, 0.2f};
        byte[] second = new byte[3];
        assertThat(UnitFloatKernel.toBytes(direct(values), 3, second)).isTrue();
        assertThat(second).containsExactly((byte) 255, (byte) 128, (byte) 51);
        byte[] again = new byte[3];
        assertThat(UnitFloatKernel.toBytes(values, 3, again)).isTrue();
        assertThat(again).isEqualTo(second);
    }

    @Test
    void valuesOutsideZeroToOneOrNanAreReported() {
        for (float bad : new float[] {-1e-7f, Math.nextUp(1f), 2f, Float.NaN, Float.NEGATIVE_INFINITY}) {
            float[] values = new float[64];
            values[37] = bad;
            assertThat(UnitFloatKernel.toBytes(direct(values), 0, new byte[64])).as("value %s", bad).isFalse();
            assertThat(UnitFloatKernel.toBytes(values, 0, new byte[64])).as("value %s", bad).isFalse();
        }
    }

    @Test
    void refusesToReadPastTheBufferOrFromTheHeap() {
        ByteBuffer four = direct(new float[4]);
        assertThatThrownBy(() -> UnitFloatKernel.toBytes(four, 2, new byte[3]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> UnitFloatKernel.toBytes(four, -1, new byte[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> UnitFloatKernel.toBytes(ByteBuffer.allocate(16), 0, new byte[4]))
                .hasMessageContaining("direct");
        assertThatThrownBy(() -> UnitFloatKernel.toBytes(new float[4], 2, new byte[3]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static ByteBuffer direct(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(values);
        return buffer;
    }
}
