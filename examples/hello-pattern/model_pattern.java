import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hello-pattern: an animated plasma, the Reactor example that needs no weights. It shows the
 * whole author API: args bound from the manifest, a generation loop that honours shouldStop(),
 * commands with bounds and choices, and send() messages a frontend can show.
 */
public class PatternModel extends VideoModel {

    /** The manifest's "args". */
    public record Args(double fps, List<Integer> size, double speed, String palette, boolean stamp_counter) {}

    private static final Map<String, int[]> PALETTES = Map.of(
            "warm", ramp(0x1a0500, 0xff6a00, 0xfff2a8),
            "cool", ramp(0x000a1f, 0x0077ff, 0xb8fff6),
            "mono", ramp(0x000000, 0x808080, 0xffffff),
            "neon", ramp(0x14002b, 0xff00aa, 0x00ffd5));

    private final int height;
    private final int width;
    private final double fps;
    private final boolean stampCounter;
    private final double[] sinX;
    private final double[] sinY;
    private final double[] sinXY;
    private volatile double speed;
    private volatile String palette;
    private volatile boolean resetRequested;
    /** Commands that changed the picture so far; stamped under the frame counter with stamp_counter on. */
    private volatile int commandsApplied;

    public PatternModel(Args args) {
        if (args.size() == null || args.size().size() != 2) {
            throw new IllegalArgumentException("args.size must be [height, width]");
        }
        this.height = args.size().get(0);
        this.width = args.size().get(1);
        this.fps = args.fps() > 0 ? args.fps() : 30;
        this.speed = args.speed() > 0 ? args.speed() : 1.0;
        this.palette = args.palette() != null && PALETTES.containsKey(args.palette()) ? args.palette() : "warm";
        this.stampCounter = args.stamp_counter();
        this.sinX = new double[width];
        this.sinY = new double[height];
        this.sinXY = new double[width + height];
    }

    @Override
    public void startSession() {
        SessionContext ctx = Reactor.ctx();
        byte[] frame = new byte[height * width * 3];
        double t = 0;
        long index = 0;
        long lastReport = System.nanoTime();
        long framesSinceReport = 0;
        // Report the current values first, so controls start where the model is (not at a slider's minimum).
        ctx.send(state());
        try {
            while (!ctx.shouldStop()) {
                if (resetRequested) {
                    resetRequested = false;
                    t = 0;
                    index = 0;
                }
                int commands = commandsApplied; // read with the palette: this frame shows their effect
                render(frame, t, PALETTES.get(palette));
                if (stampCounter) {
                    FrameStamp.write(frame, width, 0, index);
                    FrameStamp.write(frame, width, 1, commands);
                }
                ctx.emitBlock(frame, height, width, 3);
                t += speed / fps;
                index++;
                framesSinceReport++;
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    ctx.send(progress(index, framesSinceReport * 1e9 / (now - lastReport)));
                    lastReport = now;
                    framesSinceReport = 0;
                }
            }
        } finally {
            resetRequested = false;
        }
    }

    private Map<String, Object> progress(long frame, double fpsMeasured) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "progress");
        message.put("frame", frame);
        message.put("fps", Math.round(fpsMeasured * 10) / 10.0);
        message.put("speed", speed);
        message.put("palette", palette);
        return message;
    }

    /** The current values under the commands' parameter names: clients start their controls from them. */
    private Map<String, Object> state() {
        return Map.of("type", "state", "speed", speed, "palette", palette);
    }

    private void render(byte[] frame, double t, int[] colors) {
        for (int x = 0; x < width; x++) {
            sinX[x] = Math.sin(x * 0.021 + t * 1.7);
        }
        for (int y = 0; y < height; y++) {
            sinY[y] = Math.sin(y * 0.017 - t * 1.3);
        }
        for (int d = 0; d < width + height; d++) {
            sinXY[d] = Math.sin(d * 0.011 + t * 0.9);
        }
        int i = 0;
        for (int y = 0; y < height; y++) {
            double sy = sinY[y];
            for (int x = 0; x < width; x++) {
                double v = sinX[x] + sy + sinXY[x + y];
                int c = colors[(int) ((v + 3) * 42.5) & 255];
                frame[i++] = (byte) (c >> 16);
                frame[i++] = (byte) (c >> 8);
                frame[i++] = (byte) c;
            }
        }
    }

    @Command(name = "set_speed", description = "How fast the pattern moves")
    public void setSpeed(@Param(name = "speed", min = 0, max = 10, defaultValue = "1", description = "1 = normal, 0 = frozen") double value) {
        speed = value;
        Reactor.ctx().send(state());
    }

    @Command(name = "set_palette", description = "Colour palette of the pattern")
    public void setPalette(@Param(name = "palette", choices = {"warm", "cool", "mono", "neon"}, defaultValue = "warm") String value) {
        palette = value;
        commandsApplied++; // one command thread per session: no lost updates
        // A new palette changes the whole picture: frames rendered with the old one are stale.
        Reactor.ctx().flush();
        Reactor.ctx().send(state());
    }

    @Command(name = "reset", description = "Restart the animation from its first frame")
    public void reset() {
        resetRequested = true;
        Reactor.ctx().flush();
        Reactor.ctx().send(Map.of("type", "state", "reset", true));
    }

    /** A 0..255 colour ramp through three stops. */
    private static int[] ramp(int from, int mid, int to) {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double f = i / 255.0;
            lut[i] = f < 0.5 ? mix(from, mid, f * 2) : mix(mid, to, (f - 0.5) * 2);
        }
        return lut;
    }

    private static int mix(int a, int b, double f) {
        int r = (int) (((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) (((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) ((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /**
     * Writes counters into the top rows as 16 black/white 16x16 cells (bit 15 first), so a viewer
     * can read back which frame it shows (glass-to-glass latency) and how many commands it
     * reflects (command-to-screen latency).
     */
    static final class FrameStamp {
        static final int CELL = 16;

        /** Row 0 carries the frame counter, row 1 (the next 16 pixel rows) the commands applied. */
        static void write(byte[] frame, int width, int row16, long index) {
            for (int bit = 0; bit < 16; bit++) {
                byte v = ((index >> (15 - bit)) & 1) == 1 ? (byte) 255 : 0;
                for (int y = row16 * CELL; y < (row16 + 1) * CELL; y++) {
                    int row = (y * width + bit * CELL) * 3;
                    for (int x = 0; x < CELL * 3; x++) {
                        frame[row + x] = v;
                    }
                }
            }
        }
    }
}
