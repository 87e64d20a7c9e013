package dev.reactorstudio.runtime.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * A long session must not accumulate anything per frame: not native tensors on the model's
 * manager (the classic DJL leak, every op result attaching to its input's manager) and not heap.
 */
class NdArrayMemoryTest {
    private static final int FRAMES = 2_000;

    @Test
    void twoThousandFramesLeaveNoTensorAndNoHeapBehind() {
        DjlDefaults.apply();
        try (NDManager model = NDManager.newBaseManager()) {
            NDArray frame = model.randomUniform(0f, 1f, new Shape(480, 640, 3));
            int arraysBefore = model.getManagedArrays().size();
            long heapAfterWarmUp = 0;
            for (int i = 0; i < FRAMES; i++) {
                NdArrayFrames.toBlock(frame);
                if (i == 200) {
                    heapAfterWarmUp = usedHeapAfterGc();
                }
                if (i % 500 == 0) {
                    assertThat(model.getManagedArrays()).as("tensors on the model's manager at frame %d", i)
                            .hasSize(arraysBefore);
                }
            }
            assertThat(model.getManagedArrays()).hasSize(arraysBefore).containsExactly(frame);
            long growth = usedHeapAfterGc() - heapAfterWarmUp;
            // 1,800 frames of 0.9 MB went through; keeping even 2% of them would be 33 MB.
            assertThat(growth).as("heap growth in bytes").isLessThan(16L << 20);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
