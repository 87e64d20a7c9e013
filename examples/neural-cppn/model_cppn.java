import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * neural-cppn: a compositional pattern-producing network. Every pixel runs the same small MLP
 * over its coordinates (x, y, r) and a latent vector z(t) that drifts along a smooth path, so
 * the picture morphs continuously. The network is DJL blocks with weights from the "cppn-v1"
 * folder (DJL .params + config.json, made by generate_weights.java).
 *
 * <p>The MLP runs at {@code render_size}, in cache-sized tiles on every core, and is upscaled to
 * {@code size} in native code: 240×320 upscaled holds 30 fps on a 2-core CPU with room for the
 * encoder; 480×640 native renders at ~19 fps there. All per-frame tensors live in a per-frame
 * sub-manager, so memory stays flat however long the session runs.
 */
public class CppnModel extends VideoModel implements AutoCloseable {

    /** The manifest's "args". */
    public record Args(double fps, List<Integer> size, List<Integer> render_size, String upscale, double speed,
                       double zoom, String palette, long seed) {}

    /** Colour mixes applied to the network's RGB (rows: out R, G, B). Non-negative rows summing to ≤ 1 keep 0..1. */
    private static final Map<String, float[]> PALETTES = Map.of(
            "natural", new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
            "warm", new float[] {0.7f, 0.3f, 0, 0.25f, 0.55f, 0.1f, 0, 0.2f, 0.3f},
            "cool", new float[] {0.2f, 0.1f, 0.1f, 0.1f, 0.5f, 0.3f, 0.1f, 0.3f, 0.6f},
            "mono", new float[] {0.299f, 0.587f, 0.114f, 0.299f, 0.587f, 0.114f, 0.299f, 0.587f, 0.114f},
            "neon", new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0});

    /** Pixels per MLP pass: (5120, 32) float activations are 0.65 MB, well inside a core's L2. */
    private static final int TILE_PIXELS = 5_120;

    private final int height;
    private final int width;
    private final int renderHeight;
    private final int renderWidth;
    private final Image.Interpolation upscale;
    private final double fps;
    private final Model model;
    private final SequentialBlock network;
    private final ParameterStore parameters;
    private final int latentSize;
    private volatile double speed;
    private volatile double zoom;
    private volatile String palette;
    private volatile Latent latent;
    /** Render threads, one per core; daemons, so a model that is never closed cannot hold the JVM. */
    private final ExecutorService tileWorkers = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), task -> {
                Thread thread = new Thread(task, "cppn-tiles");
                thread.setDaemon(true);
                return thread;
            });

    public CppnModel(Args args) throws IOException, MalformedModelException {
        int[] size = pair(args.size(), "size", new int[] {480, 640});
        int[] render = pair(args.render_size(), "render_size", size);
        height = size[0];
        width = size[1];
        renderHeight = Math.min(render[0], height);
        renderWidth = Math.min(render[1], width);
        upscale = "nearest".equals(args.upscale()) ? Image.Interpolation.NEAREST : Image.Interpolation.BILINEAR;
        fps = args.fps() > 0 ? args.fps() : 30;
        speed = args.speed() > 0 ? args.speed() : 1.0;
        zoom = args.zoom() > 0 ? args.zoom() : 1.0;
        palette = PALETTES.containsKey(args.palette()) ? args.palette() : "natural";

        Path weights = VideoModel.weights("cppn-v1");
        JsonNode config = new ObjectMapper().readTree(weights.resolve("config.json").toFile());
        latentSize = config.path("latent").asInt(8);
        network = network(config);
        model = Model.newInstance("cppn");
        model.setBlock(network);
        model.load(weights, config.path("params_prefix").asText("cppn"));
        parameters = new ParameterStore(model.getNDManager(), false);
        latent = new Latent(latentSize, args.seed());
        // One pass on one thread fills the parameter store before the render threads share it.
        try (NDManager warmUp = model.getNDManager().newSubManager()) {
            mlp(warmUp.zeros(new Shape(1, 3)), warmUp.zeros(new Shape(1, latentSize)));
        }
    }

    /** The same topology generate_weights.java saved: tanh hidden layers, sigmoid RGB out. */
    private static SequentialBlock network(JsonNode config) {
        SequentialBlock net = new SequentialBlock();
        for (JsonNode units : config.path("hidden")) {
            net.add(Linear.builder().setUnits(units.asInt()).build()).add(Activation.tanhBlock());
        }
        return net.add(Linear.builder().setUnits(3).build()).add(Activation.sigmoidBlock());
    }

    @Override
    public void startSession() {
        SessionContext ctx = Reactor.ctx();
        ctx.send(state()); // controls start where the model is
        // Frame intermediates attach to this session's manager through per-frame children.
        try (NDManager session = model.getNDManager().newSubManager()) {
            Grid grid = null;
            double t = 0;
            long frames = 0;
            long renderNanos = 0;
            long windowStart = System.nanoTime();
            while (!ctx.shouldStop()) {
                long start = System.nanoTime();
                double zoomNow = zoom;
                if (grid == null || grid.zoom != zoomNow) {
                    if (grid != null) {
                        grid.close();
                    }
                    grid = new Grid(session, renderHeight, renderWidth, zoomNow);
                }
                try (NDManager frame = session.newSubManager()) {
                    NDArray rgb = render(frame, grid, latent.at(t));
                    renderNanos += System.nanoTime() - start;
                    ctx.emitBlock(rgb);
                }
                t += speed / fps;
                frames++;
                long now = System.nanoTime();
                if (now - windowStart >= 1_000_000_000L) {
                    ctx.send(progress(frames, frames * 1e9 / (now - windowStart), frames * 1e9 / renderNanos,
                            session.getManagedArrays().size()));
                    frames = 0;
                    renderNanos = 0;
                    windowStart = now;
                }
            }
        }
    }

    /** Called by the runtime when it unloads the model (studio Stop, Ctrl-C): frees the network. */
    @Override
    public void close() throws InterruptedException {
        // A frame may still be rendering (a session thread past its stop grace): let its tiles
        // finish before the parameters they read are freed. Leaking beats a native use-after-free.
        tileWorkers.shutdown();
        if (tileWorkers.awaitTermination(10, TimeUnit.SECONDS)) {
            model.close();
        }
    }

    /** One frame as float32 (H,W,3) in 0..1, every tensor attached to {@code frame}. */
    private NDArray render(NDManager frame, Grid grid, float[] z) {
        grid.coordinates.tempAttach(frame);
        NDArray latent = frame.create(z).reshape(1, latentSize);
        // The MLP runs over a few thousand pixels at a time, tiles spread over every core: each
        // layer's (pixels, 32) activations then stay in that core's cache instead of streaming
        // through memory. ~3x faster than one pass over the frame (bench/run.sh cppn).
        List<Future<NDArray>> parts = new ArrayList<>();
        NDList tiles;
        try {
            for (int start = 0; start < grid.pixels; start += TILE_PIXELS) {
                int from = start;
                int to = Math.min(start + TILE_PIXELS, grid.pixels);
                parts.add(tileWorkers.submit(() -> mlp(grid.coordinates.get(from + ":" + to), latent)));
            }
        } finally {
            // Even when a submit is refused (the model is closing), the tiles already running finish first.
            tiles = awaitAll(parts);
        }
        NDArray rgb = tiles.size() == 1 ? tiles.singletonOrThrow() : NDArrays.concat(tiles);
        float[] mix = PALETTES.get(palette);
        if (mix != PALETTES.get("natural")) {
            rgb = rgb.matMul(frame.create(mix, new Shape(3, 3)).transpose());
        }
        NDArray image = rgb.reshape(renderHeight, renderWidth, 3);
        if (renderHeight != height || renderWidth != width) {
            image = NDImageUtils.resize(image, width, height, upscale);
        }
        return image;
    }

    /** RGB of some pixels: their (x, y, r) with the frame's latent appended, through the network. */
    private NDArray mlp(NDArray coordinates, NDArray latent) {
        NDArray input = coordinates.concat(latent.repeat(0, coordinates.getShape().get(0)), 1);
        return network.forward(parameters, new NDList(input), false).singletonOrThrow();
    }

    /**
     * Every tile's result. Waits for all of them even when one fails (or the thread is
     * interrupted): a tile still running must not outlive the frame's tensors it works on.
     */
    private static NDList awaitAll(List<Future<NDArray>> parts) {
        NDList tiles = new NDList();
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<NDArray> part : parts) {
            while (true) {
                try {
                    tiles.add(part.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (CancellationException e) {
                    if (failure == null) {
                        failure = e;
                    }
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return tiles;
    }

    /** {@code tensors}: arrays alive in this session; it stays constant unless frames leak. */
    private Map<String, Object> progress(long frames, double loopFps, double generationFps, int tensors) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "progress");
        message.put("fps", Math.round(generationFps * 10) / 10.0);
        message.put("emitted_fps", Math.round(loopFps * 10) / 10.0);
        message.put("render_size", List.of(renderHeight, renderWidth));
        message.put("size", List.of(height, width));
        message.put("speed", speed);
        message.put("zoom", zoom);
        message.put("palette", palette);
        message.put("seed", latent.seed);
        message.put("tensors", tensors);
        return message;
    }

    /** The current values under the commands' parameter names: clients start their controls from them. */
    private Map<String, Object> state() {
        return Map.of("type", "state", "speed", speed, "zoom", zoom, "palette", palette);
    }

    @Command(name = "set_speed", description = "How fast the latent drifts")
    public void setSpeed(@Param(name = "speed", min = 0, max = 10, defaultValue = "1", description = "1 = normal, 0 = frozen") double value) {
        speed = value;
        Reactor.ctx().send(state());
    }

    @Command(name = "set_zoom", description = "Scale of the coordinate plane")
    public void setZoom(@Param(name = "zoom", min = 0.1, max = 10, defaultValue = "1", description = ">1 zooms in") double value) {
        zoom = value;
        Reactor.ctx().send(state());
    }

    @Command(name = "set_palette", description = "Colour mix of the network's output")
    public void setPalette(@Param(name = "palette", choices = {"natural", "warm", "cool", "mono", "neon"}, defaultValue = "natural") String value) {
        palette = value;
        Reactor.ctx().send(state());
    }

    @Command(name = "reseed", description = "A new path through latent space")
    public void reseed(@Param(name = "seed", min = -1, defaultValue = "-1", description = "-1 = random") long seed) {
        Latent next = new Latent(latentSize, seed >= 0 ? seed : new Random().nextInt(1_000_000));
        latent = next;
        // Not a "state" message: the seed control keeps offering -1 (random) rather than the seed in use.
        Reactor.ctx().send(Map.of("type", "reseeded", "seed", next.seed));
    }

    private static int[] pair(List<Integer> value, String name, int[] fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.size() != 2 || value.get(0) < 1 || value.get(1) < 1) {
            throw new IllegalArgumentException("args." + name + " must be [height, width]; got " + value);
        }
        return new int[] {value.get(0), value.get(1)};
    }

    /** The (x, y, r) of every render pixel, (pixels, 3); rebuilt only when the zoom changes. */
    private static final class Grid implements AutoCloseable {
        final double zoom;
        final int pixels;
        final NDManager owner;
        final NDArray coordinates;

        Grid(NDManager parent, int h, int w, double zoom) {
            this.zoom = zoom;
            this.pixels = h * w;
            this.owner = parent.newSubManager();
            float aspect = (float) w / h;
            float scale = (float) (1 / zoom);
            NDArray xs = owner.linspace(-aspect * scale, aspect * scale, w).reshape(1, w).repeat(0, h);
            NDArray ys = owner.linspace(-scale, scale, h).reshape(h, 1).repeat(1, w);
            NDArray rs = xs.square().add(ys.square()).sqrt();
            coordinates = NDArrays.stack(new NDList(xs, ys, rs), 2).reshape(pixels, 3);
        }

        @Override
        public void close() {
            owner.close();
        }
    }

    /** z(t): each latent dimension a sine of its own frequency and phase, drawn from the seed. */
    private static final class Latent {
        final long seed;
        final double[] frequency;
        final double[] phase;

        Latent(int size, long seed) {
            this.seed = seed;
            Random random = new Random(seed);
            frequency = new double[size];
            phase = new double[size];
            for (int i = 0; i < size; i++) {
                frequency[i] = 0.15 + 0.45 * random.nextDouble();
                phase[i] = random.nextDouble() * 2 * Math.PI;
            }
        }

        float[] at(double t) {
            float[] z = new float[frequency.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) Math.sin(frequency[i] * t + phase[i]);
            }
            return z;
        }
    }
}
