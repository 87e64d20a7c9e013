package dev.reactorstudio.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.reactorstudio.runtime.frame.FrameBlock;
import dev.reactorstudio.runtime.frame.UnitFloatKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** emitBlock(NDArray): which tensors are frames, what the frames hold, and what is refused and why. */
class NdArrayFramesTest {
    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        DjlDefaults.apply();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeEngine() {
        manager.close();
    }

    @Test
    void uint8FrameIsCopiedByteForByte() {
        byte[] rgb = new byte[2 * 4 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 10);
        }
        NDArray array = manager.create(rgb, new Shape(2, 4, 3)).toType(DataType.UINT8, false);
        FrameBlock block = NdArrayFrames.toBlock(array);
        assertThat(block.width()).isEqualTo(4);
        assertThat(block.height()).isEqualTo(2);
        assertThat(block.frames()).singleElement().isEqualTo(rgb);
    }

    @Test
    void float32IsScaledAndRoundedLikeFloatArrays() {
        NDArray array = manager.create(new float[] {0f, 1f, 0.5f, 0.2f, 0.998f, 1f / 255}, new Shape(1, 2, 3));
        byte[] frame = NdArrayFrames.toBlock(array).frames().get(0);
        assertThat(unsigned(frame)).containsExactly(0, 255, 128, 51, 254, 1);
    }

    @Test
    void float64AndFloat16AreConvertedAsUnitFloats() {
        NDArray doubles = manager.create(new double[] {0, 0.5, 1}, new Shape(1, 1, 3));
        assertThat(unsigned(NdArrayFrames.toBlock(doubles).frames().get(0))).containsExactly(0, 128, 255);
        NDArray halves = doubles.toType(DataType.FLOAT16, false);
        assertThat(unsigned(NdArrayFrames.toBlock(halves).frames().get(0))).containsExactly(0, 128, 255);
    }

    @Test
    void otherIntegerTypesAreRejectedAsAmbiguous() {
        NDArray ints = manager.zeros(new Shape(2, 2, 3), DataType.INT32);
        assertThatThrownBy(() -> NdArrayFrames.toBlock(ints)).hasMessageContaining("int32 is ambiguous")
                .hasMessageContaining("toType(DataType.UINT8, false)");
        NDArray bools = manager.zeros(new Shape(2, 2, 3), DataType.BOOLEAN);
        assertThatThrownBy(() -> NdArrayFrames.toBlock(bools)).hasMessageContaining("boolean cannot be a frame");
    }

    @Test
    void batchBecomesFramesInOrder() {
        NDArray batch = manager.arange(0, 3, 1, DataType.FLOAT32).div(2f).reshape(3, 1, 1, 1).repeat(1, 2).repeat(2, 5)
                .repeat(3, 3);
        FrameBlock block = NdArrayFrames.toBlock(batch);
        assertThat(block.size()).isEqualTo(3);
        assertThat(block.width()).isEqualTo(5);
        assertThat(block.height()).isEqualTo(2);
        assertThat(unsigned(block.frames().get(0))).containsOnly(0);
        assertThat(unsigned(block.frames().get(1))).containsOnly(128);
        assertThat(unsigned(block.frames().get(2))).containsOnly(255);
    }

    @Test
    void channelFirstFramesGetTheTransposeThatFixesThem() {
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(3, 480, 640))))
                .hasMessage("emitBlock: expected (H,W,3); got (3,480,640) — transpose(1,2,0) first");
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(2, 3, 48, 64))))
                .hasMessage("emitBlock: expected (N,H,W,3); got (2,3,48,64) — transpose(0,2,3,1) first");
    }

    @Test
    void transposedViewIsReadInItsLogicalOrder() {
        NDArray chw = manager.arange(0, 12, 1, DataType.FLOAT32).div(11f).reshape(3, 2, 2);
        byte[] expected = NdArrayFrames.toBlock(chw.transpose(1, 2, 0).duplicate()).frames().get(0);
        assertThat(NdArrayFrames.toBlock(chw.transpose(1, 2, 0)).frames().get(0)).isEqualTo(expected);
    }

    @Test
    void wrongShapesNameTheExpectedOne() {
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(480, 640))))
                .hasMessageContaining("expected an NDArray of shape (H,W,3) or (N,H,W,3); got (480,640)");
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(48, 64, 4))))
                .hasMessageContaining("got (48,64,4) — RGBA");
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(48, 64, 2))))
                .hasMessageContaining("3 channels last; got (48,64,2)");
        assertThatThrownBy(() -> NdArrayFrames.toBlock(manager.zeros(new Shape(0, 64, 3))))
                .hasMessageContaining("out of range");
    }

    @Test
    void floatsOutsideZeroToOneAreRefusedWithTheirRange() {
        NDArray bright = manager.create(new float[] {0f, 0.5f, 2f}, new Shape(1, 1, 3));
        assertThatThrownBy(() -> NdArrayFrames.toBlock(bright)).hasMessageContaining("must be in 0..1")
                .hasMessageContaining("0.0..2.0");
        NDArray nan = manager.create(new float[] {0f, Float.NaN, 1f}, new Shape(1, 1, 3));
        assertThatThrownBy(() -> NdArrayFrames.toBlock(nan)).hasMessageContaining("NaN");
    }

    @Test
    void nativeKernelAndTensorOpsGiveTheSameFrames() {
        assumeTrue(UnitFloatKernel.available(), "no native kernel in this build (no gcc)");
        NDArray batch = manager.randomUniform(0f, 1f, new Shape(2, 48, 64, 3));
        NDArray chwView = manager.randomUniform(0f, 1f, new Shape(3, 48, 64)).transpose(1, 2, 0);
        NDArray doubles = manager.randomUniform(0f, 1f, new Shape(48, 64, 3)).toType(DataType.FLOAT64, false);
        for (NDArray array : new NDArray[] {batch, chwView, doubles}) {
            FrameBlock tensorOps = NdArrayFrames.toBlock(array, false);
            FrameBlock kernel = NdArrayFrames.toBlock(array, true);
            assertThat(kernel.frames()).hasSameSizeAs(tensorOps.frames());
            for (int i = 0; i < tensorOps.size(); i++) {
                assertThat(kernel.frames().get(i)).as("%s frame %d", array.getShape(), i)
                        .isEqualTo(tensorOps.frames().get(i));
            }
        }
    }

    @Test
    void bothPathsRefuseOutOfRangeWithTheSameMessage() {
        NDArray secondFrameBright = manager.create(new float[] {0f, 0.5f, 1f, 0f, 1.5f, 1f}, new Shape(2, 1, 1, 3));
        for (boolean useKernel : new boolean[] {true, false}) {
            assertThatThrownBy(() -> NdArrayFrames.toBlock(secondFrameBright, useKernel)).as("kernel %s", useKernel)
                    .hasMessage("emitBlock: float frames must be in 0..1; this NDArray spans 0.0..1.5 — "
                            + "apply sigmoid or clip(0, 1), or pass uint8 0..255");
        }
    }

    @Test
    void nullAndClosedArraysAreExplained() {
        assertThatThrownBy(() -> NdArrayFrames.toBlock(null)).hasMessageContaining("(BufferedImage) null");
        NDArray closed = manager.zeros(new Shape(2, 2, 3));
        closed.close();
        assertThatThrownBy(() -> NdArrayFrames.toBlock(closed)).hasMessageContaining("already closed");
    }

    @Test
    void inputStaysWithItsOwnerAndIntermediatesAreFreed() {
        try (NDManager owner = manager.newSubManager()) {
            NDArray frame = owner.randomUniform(0f, 1f, new Shape(48, 64, 3));
            NdArrayFrames.toBlock(frame);
            assertThat(frame.getManager()).isSameAs(owner);
            assertThat(frame.isReleased()).isFalse();
            assertThat(owner.getManagedArrays()).containsExactly(frame);
        }
    }

    @Test
    void detachedArrayConvertsAndStaysDetached() {
        NDArray detached = manager.ones(new Shape(2, 2, 3));
        detached.detach();
        try {
            assertThat(unsigned(NdArrayFrames.toBlock(detached).frames().get(0))).containsOnly(255);
            assertThat(detached.isReleased()).isFalse();
        } finally {
            detached.close();
        }
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }
}
