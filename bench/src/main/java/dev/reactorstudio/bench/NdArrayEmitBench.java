package dev.reactorstudio.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.reactorstudio.runtime.djl.DjlDefaults;
import dev.reactorstudio.runtime.djl.NdArrayFrames;
import dev.reactorstudio.runtime.frame.FrameBlock;
import dev.reactorstudio.runtime.frame.FrameConverter;
import dev.reactorstudio.runtime.frame.UnitFloatKernel;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The conversion half of {@code emitBlock}: what each input form costs per 480×640 frame before
 * the frames reach the pacer (the pacer's part is the same for every form). Prints p50/p90 per
 * frame. Run: {@code bench/run.sh ndarray [iterations]}; add {@code -Dreactor.frames.native=false}
 * ({@code BENCH_JAVA_OPTS}) to time the tensor-op path that GPU tensors and builds without gcc take.
 */
public final class NdArrayEmitBench {

    public static void main(String[] args) {
        BenchLogging.quiet();
        DjlDefaults.apply();
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int h = 480;
        int w = 640;
        System.out.printf(Locale.ROOT, "float frames (float[], CPU tensors): %s%n", UnitFloatKernel.available()
                ? "native pass (unit_floats.c)" : "Java loop / tensor ops (mul, add, casts, min, max)");
        System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "emitBlock input (480x640)", "p50 ms/f", "p90 ms/f");
        byte[] bytes = new byte[h * w * 3];
        Arrays.fill(bytes, (byte) 77);
        report("byte[] (H,W,3)", iterations, 1, () -> FrameConverter.fromBytes(bytes, h, w, 3));
        float[] floats = new float[h * w * 3];
        Arrays.fill(floats, 0.3f);
        report("float[] (H,W,3) 0..1", iterations, 1, () -> FrameConverter.fromFloats(floats, h, w, 3));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray unit = manager.randomUniform(0f, 1f, new Shape(h, w, 3));
            NDArray uint8 = unit.mul(255f).toType(DataType.UINT8, false);
            NDArray batch = manager.randomUniform(0f, 1f, new Shape(4, h, w, 3));
            NDArray chwView = manager.randomUniform(0f, 1f, new Shape(3, h, w)).transpose(1, 2, 0);
            report("NDArray uint8 (H,W,3)", iterations, 1, () -> NdArrayFrames.toBlock(uint8));
            report("NDArray float32 (H,W,3)", iterations, 1, () -> NdArrayFrames.toBlock(unit));
            report("NDArray float32 (4,H,W,3)", iterations / 4, 4, () -> NdArrayFrames.toBlock(batch));
            report("NDArray float32 CHW.transpose view", iterations, 1, () -> NdArrayFrames.toBlock(chwView));
            System.out.printf(Locale.ROOT, "arrays left on the manager: %d (4 inputs + 2 they were made from; the conversions left none)%n",
                    manager.getManagedArrays().size());
        }
    }

    private static void report(String name, int iterations, int framesPerCall, Supplier<FrameBlock> convert) {
        int warm = 0;
        for (int i = 0; i < Math.max(20, iterations / 10); i++) {
            warm += convert.get().size(); // used, so the warm-up cannot be optimised away
        }
        if (warm == 0) {
            throw new IllegalStateException(name + ": the warm-up produced no frames");
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            FrameBlock block = convert.get();
            ms[i] = (System.nanoTime() - start) / 1e6 / framesPerCall;
            if (block.size() != framesPerCall) {
                throw new AssertionError(name + ": " + block.size() + " frames");
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f%n", name, ms[ms.length / 2], ms[ms.length * 9 / 10]);
    }
}
