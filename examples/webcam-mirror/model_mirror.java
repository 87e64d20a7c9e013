import dev.reactorstudio.runtime.api.AudioFrame;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.InputFrame;
import dev.reactorstudio.runtime.api.InputTrack;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.api.VideoModel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * webcam-mirror: the two-way media example. It shows the user's webcam back to them (mirrored,
 * unchanged or posterized: command set_effect), reports what it sees and hears once a second
 * (input_stats: whether the webcam is published and the frames received so far; audio_stats), and sings a tone whose pitch follows the picture's brightness on
 * main_audio. While no webcam is published it shows a "waiting for webcam" card. set_overlay takes
 * an uploaded image and lays it over the top-left corner of the picture.
 */
public class WebcamMirror extends VideoModel {

    /** The manifest's "args": the frame rate cap and the waiting card's size [height, width]. */
    public record Args(double fps, List<Integer> size) {}

    private static final int RATE = 48_000;
    private final double fps;
    private final int cardHeight;
    private final int cardWidth;
    private volatile String effect = "mirror";
    /** The uploaded overlay, scaled once to at most OVERLAY_WIDTH wide: packed RGB, or null for none. */
    private volatile Overlay overlay;

    private record Overlay(byte[] rgb, int width, int height) {}

    private static final int OVERLAY_WIDTH = 160;
    private static final int OVERLAY_MARGIN = 16;

    public WebcamMirror(Args args) {
        this.fps = args.fps() > 0 ? args.fps() : 30;
        this.cardHeight = args.size() != null && args.size().size() == 2 ? args.size().get(0) : 480;
        this.cardWidth = args.size() != null && args.size().size() == 2 ? args.size().get(1) : 640;
    }

    @Override
    public void startSession() throws InterruptedException {
        SessionContext ctx = Reactor.ctx();
        InputTrack<InputFrame> webcam = ctx.videoInput("webcam");
        InputTrack<AudioFrame> mic = ctx.audioInput("mic");
        BufferedImage card = waitingCard();
        byte[] cardRgb = rgbOf(card);
        Duration frameTime = Duration.ofNanos((long) (1e9 / fps));
        InputFrame last = null;
        double phase = 0;
        long lastAudio = System.nanoTime();
        long lastReport = lastAudio;
        long micSamples = 0;
        double micSquares = 0;
        long micSquaresCount = 0;
        while (!ctx.shouldStop()) {
            // Wait for the next webcam frame (at most two frame times), so output follows input at once;
            // then skip to the newest one, so a backlog (a slow loop, a burst from the network) is never shown late.
            InputFrame frame = webcam.isLive() ? webcam.next(frameTime.multipliedBy(2)) : null;
            if (frame != null) {
                InputFrame newest = webcam.latest();
                frame = newest != null ? newest : frame;
            }
            if (frame == null && !webcam.isLive()) {
                webcam.next(frameTime); // returns early when the webcam starts
                frame = webcam.isLive() ? webcam.latest() : null;
            }
            if (frame != null) {
                last = frame;
            }
            double brightness;
            if (last != null && webcam.isLive()) {
                byte[] out = apply(last, effect);
                // The overlay is drawn into the output; the input frame (re-shown, and measured below) stays as it came.
                if (out == last.rgb() && overlay != null) {
                    out = out.clone();
                }
                ctx.emitBlock(withOverlay(out, last.width(), last.height()), last.height(), last.width(), 3);
                double[] mean = last.meanRgb();
                brightness = (mean[0] + mean[1] + mean[2]) / 3;
            } else {
                ctx.emitBlock(withOverlay(cardRgb.clone(), cardWidth, cardHeight), cardHeight, cardWidth, 3);
                brightness = 0;
            }
            // The sound of the time that passed since the last emission: pitch 220..880 Hz by brightness.
            long now = System.nanoTime();
            int samples = (int) Math.min(RATE / 10, (now - lastAudio) * RATE / 1_000_000_000L);
            lastAudio += samples * 1_000_000_000L / RATE;
            double hz = 220 + 660 * brightness / 255;
            short[] tone = new short[samples];
            for (int i = 0; i < samples; i++) {
                tone[i] = (short) (Math.sin(phase) * 6000);
                phase += 2 * Math.PI * hz / RATE;
            }
            phase %= 2 * Math.PI;
            ctx.emitAudio(tone, RATE, 1);
            // Everything the microphone sent since the last loop.
            for (AudioFrame chunk; (chunk = mic.next(Duration.ZERO)) != null; ) {
                micSamples += chunk.frames();
                for (short s : chunk.pcm()) {
                    double v = s / 32768.0;
                    micSquares += v * v;
                }
                micSquaresCount += chunk.pcm().length;
            }
            if (now - lastReport >= 1_000_000_000L) {
                lastReport = now;
                double[] mean = last == null ? new double[3] : last.meanRgb();
                // live before frames: once live is false no frame is counted any more, so a report
                // saying "not live" carries the final count.
                boolean live = webcam.isLive();
                ctx.send(Map.of("type", "input_stats", "live", live, "frames", webcam.received(),
                        "mean", List.of(round(mean[0]), round(mean[1]), round(mean[2]))));
                double rms = micSquaresCount == 0 ? 0 : Math.sqrt(micSquares / micSquaresCount);
                ctx.send(Map.of("type", "audio_stats", "samples", micSamples, "rms", Math.round(rms * 10000) / 10000.0));
                micSquares = 0;
                micSquaresCount = 0;
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Lays the overlay (if any) over {@code rgb}'s top-left corner, clipped to the frame; returns {@code rgb}. */
    private byte[] withOverlay(byte[] rgb, int width, int height) {
        Overlay o = overlay;
        if (o == null) {
            return rgb;
        }
        int rows = Math.min(o.height(), height - OVERLAY_MARGIN);
        int cols = Math.min(o.width(), width - OVERLAY_MARGIN);
        for (int y = 0; y < rows; y++) {
            if (cols > 0) {
                System.arraycopy(o.rgb(), y * o.width() * 3, rgb, ((y + OVERLAY_MARGIN) * width + OVERLAY_MARGIN) * 3, cols * 3);
            }
        }
        return rgb;
    }

    private static byte[] rgbOf(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
        return rgb;
    }

    private static byte[] apply(InputFrame frame, String effect) {
        byte[] in = frame.rgb();
        if (effect.equals("none")) {
            return in;
        }
        int w = frame.width();
        byte[] out = new byte[in.length];
        boolean posterize = effect.equals("posterize");
        for (int y = 0; y < frame.height(); y++) {
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int from = row + (w - 1 - x) * 3;
                int to = row + x * 3;
                for (int c = 0; c < 3; c++) {
                    int v = in[from + c] & 0xff;
                    out[to + c] = (byte) (posterize ? (v & 0xc0) | 0x20 : v);
                }
            }
        }
        return out;
    }

    private BufferedImage waitingCard() {
        BufferedImage card = new BufferedImage(cardWidth, cardHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setColor(new Color(0x16, 0x1b, 0x22));
            g.fillRect(0, 0, cardWidth, cardHeight);
            g.setColor(new Color(0x3d, 0x8b, 0xfd));
            g.fillOval(cardWidth / 2 - 30, cardHeight / 2 - 80, 60, 60);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, cardHeight / 16)));
            String text = "waiting for webcam";
            g.drawString(text, (cardWidth - g.getFontMetrics().stringWidth(text)) / 2, cardHeight / 2 + 30);
        } catch (RuntimeException | Error noFonts) {
            // A machine without fonts still gets the card, without its caption.
        } finally {
            g.dispose();
        }
        return card;
    }

    @Command(name = "set_effect", description = "What to do with the webcam picture")
    public void setEffect(@Param(name = "effect", choices = {"none", "mirror", "posterize"}) String effect) {
        this.effect = effect;
    }

    @Command(name = "set_overlay", description = "Lay an uploaded image (PNG, JPEG, GIF, BMP) over the top-left corner")
    public Map<String, Object> setOverlay(@Param(name = "image", description = "the image to overlay") UploadedFile image)
            throws IOException, NoSuchAlgorithmException {
        byte[] bytes = image.readAllBytes();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "upload_received");
        reply.put("name", image.name());
        reply.put("size", bytes.length);
        reply.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        reply.put("overlaid", decoded != null);
        if (decoded != null) {
            int width = Math.min(OVERLAY_WIDTH, decoded.getWidth());
            int height = Math.max(1, decoded.getHeight() * width / decoded.getWidth());
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(decoded, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            overlay = new Overlay(rgbOf(scaled), width, height);
        }
        Reactor.ctx().send(reply);
        return reply;
    }
}
