import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the cppn-v1 weight folder: the network's parameters as DJL .params and the config.json
 * the model builds the same network from. Deterministic (fixed seed, Java's own RNG rather than
 * the engine's), so the shipped folder can be regenerated and compared byte for byte.
 *
 * <pre>examples/neural-cppn/generate-weights.sh [OUT_DIR]</pre>
 */
public class generate_weights {
    static final long SEED = 20_240_607L;
    static final int LATENT = 8;
    static final int[] HIDDEN = {32, 32, 32};
    /** Large weights make tanh units saturate into the sharp folds CPPN images are known for. */
    static final double WEIGHT_STD = 1.0;

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "weights/cppn-v1");
        Files.createDirectories(out);
        Random random = new Random(SEED);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("cppn")) {
            SequentialBlock net = network();
            net.setInitializer(gaussian(random), ai.djl.nn.Parameter.Type.WEIGHT);
            net.setInitializer(gaussian(random), ai.djl.nn.Parameter.Type.BIAS);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3 + LATENT));
            model.setBlock(net);
            // A fixed epoch gives a fixed file name, cppn-0000.params.
            model.setProperty("Epoch", "0");
            model.save(out, "cppn");
        }
        Files.writeString(out.resolve("config.json"), config(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** (x, y, r, z0..z7) → tanh MLP → RGB in 0..1. The model builds the same from config.json. */
    static SequentialBlock network() {
        SequentialBlock net = new SequentialBlock();
        for (int units : HIDDEN) {
            net.add(Linear.builder().setUnits(units).build()).add(Activation.tanhBlock());
        }
        return net.add(Linear.builder().setUnits(3).build()).add(Activation.sigmoidBlock());
    }

    /** Draws in parameter order from one seeded stream; unlike the engine's RNG this is the same everywhere. */
    static Initializer gaussian(Random random) {
        return (manager, shape, dataType) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * WEIGHT_STD);
            }
            NDArray array = manager.create(values, shape);
            return array;
        };
    }

    static String config() {
        StringBuilder hidden = new StringBuilder();
        for (int units : HIDDEN) {
            hidden.append(hidden.length() == 0 ? "" : ", ").append(units);
        }
        return """
                {
                  "name": "cppn-v1",
                  "format": "djl-params",
                  "params_prefix": "cppn",
                  "inputs": ["x", "y", "r", "z0..z%d"],
                  "latent": %d,
                  "hidden": [%s],
                  "activation": "tanh",
                  "output": "sigmoid",
                  "seed": %d,
                  "weight_std": %s
                }
                """.formatted(LATENT - 1, LATENT, hidden, SEED, WEIGHT_STD);
    }
}
