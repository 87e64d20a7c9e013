package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two-way media with the real stack and the unmodified JS SDK in headless Chromium (bench/run.sh twoway,
 * inside the test namespace):
 * <ol>
 *   <li>loop latency webcam → model → page: examples/webcam-mirror (effect none) fed by a fake camera
 *       (a y4m whose frames carry their counter as 16 black/white cells); the page reads the counter
 *       back from its local camera preview and from the model's output and subtracts the presentation times;</li>
 *   <li>A/V offset: a model that flashes a white frame and beeps at the same moment once a second; at
 *       the runtime (flash released by the pacer vs beep handed to the encoder) and in the page (flash
 *       presented vs beep heard by a WebAudio analyser);</li>
 *   <li>CPU of the audio path: the same model with one viewer, with and without its audio output.</li>
 * </ol>
 */
public final class TwoWayMediaBench {
    private static final String SERVER = "10.203.0.1";
    private static final String PAGE = "10.203.0.2";

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.printf(Locale.ROOT, "%d cores, load average %.2f (a shared machine: numbers are noisy)%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path devices = Files.createTempDirectory("twoway-bench-");
        Path camera = y4m(devices.resolve("camera.y4m"), 640, 480, 150);
        Path mic = wav(devices.resolve("tone.wav"));
        // Optional third argument: loop, av or cpu runs only that part.
        String only = args.length > 2 ? args[2] : "all";
        if (only.equals("all") || only.equals("loop")) {
            loopLatency(root, seconds, camera, mic);
        }
        if (only.equals("all") || only.equals("av")) {
            avOffset(root, seconds);
        }
        if (only.equals("all") || only.equals("cpu")) {
            audioCpu(root, Math.max(10, seconds / 2));
        }
    }

    private static void loopLatency(Path root, int seconds, Path camera, Path mic) throws Exception {
        Path folder = copy(root.resolve("examples/webcam-mirror"));
        try (ReactorServices services = start(folder)) {
            // The runtime's stamps of each echoed counter: when the model emitted it and the pacer released it.
            // The camera file loops every 5 s, so a counter value recurs: each keeps all its stamps.
            Map<Integer, List<long[]>> runtimeStamps = new ConcurrentHashMap<>();
            services.host().sessions().orElseThrow().addFrameSink(f -> {
                if (f.width() >= 256 && f.height() >= 16) {
                    runtimeStamps.computeIfAbsent(counter(f.rgb(), f.width()), k -> new CopyOnWriteArrayList<>())
                            .add(new long[] {f.emittedNanos(), f.releasedNanos()});
                }
            });
            JsonNode r = BrowserRun.run(root, api(services), PAGE, line -> { }, "--video-file", camera.toString(),
                    "--audio-file", mic.toString(), "loop", String.valueOf(seconds));
            List<Double> latencies = new ArrayList<>();
            r.path("latencies").forEach(x -> latencies.add(x.asDouble()));
            System.out.printf(Locale.ROOT, "loop latency webcam → model → page, fake camera 640x480@30, output %dx%d, %d s%n",
                    r.path("videoWidth").asInt(), r.path("videoHeight").asInt(), seconds);
            row("  loop latency: camera shown → output shown (ms)", latencies);
            // Where it goes: each echoed counter's stamps in the page (shown locally, output received,
            // output shown) against the runtime's (emitted, released), all wall-clock ms on this machine.
            long wallOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            List<Double> toEmit = new ArrayList<>();
            List<Double> hold = new ArrayList<>();
            List<Double> toReceive = new ArrayList<>();
            List<Double> toShow = new ArrayList<>();
            for (JsonNode stage : r.path("stages")) {
                double shownLocally = stage.get(1).asDouble();
                double shown = stage.get(3).asDouble();
                // The first release of this value after it was shown locally (a model re-shows a frame while its input is late).
                long[] at = null;
                for (long[] stamp : runtimeStamps.getOrDefault(stage.get(0).asInt(), List.of())) {
                    double releasedMs = (stamp[1] + wallOffset) / 1e6;
                    if (releasedMs <= shown && releasedMs > shownLocally - 100 && (at == null || stamp[1] < at[1])) {
                        at = stamp;
                    }
                }
                if (at == null) {
                    continue;
                }
                double emitted = (at[0] + wallOffset) / 1e6;
                double released = (at[1] + wallOffset) / 1e6;
                toEmit.add(emitted - shownLocally);
                hold.add(released - emitted);
                if (!stage.get(2).isNull()) {
                    toReceive.add(stage.get(2).asDouble() - released);
                    toShow.add(stage.get(3).asDouble() - stage.get(2).asDouble());
                } else {
                    toShow.add(stage.get(3).asDouble() - released);
                }
            }
            row("  camera shown → model emitBlock (ms)", toEmit);
            row("  model emitBlock → pacer release (ms)", hold);
            row("  pacer release → page received (ms)", toReceive);
            row("  page received → output shown (ms)", toShow);
            System.out.printf(Locale.ROOT, "  (a counter shown locally reaches the model over the page's encoder, the network, the runtime's"
                    + " decoder and the model's input buffer; the page's own capture → preview delay is not in the loop)%n");
        }
    }

    /** The counter a y4m frame carries (16 cells of 16x16, bit 15 first), read from packed RGB. */
    private static int counter(byte[] rgb, int width) {
        int value = 0;
        for (int bit = 0; bit < 16; bit++) {
            int i = (8 * width + bit * 16 + 8) * 3;
            value = (value << 1) | ((rgb[i + 1] & 0xff) > 127 ? 1 : 0);
        }
        return value;
    }

    private static void avOffset(Path root, int seconds) throws Exception {
        Path folder = flashBeepModel(true);
        try (ReactorServices services = start(folder)) {
            SessionManager sessions = services.host().sessions().orElseThrow();
            List<Long> flashes = new CopyOnWriteArrayList<>();
            List<Long> beeps = new CopyOnWriteArrayList<>();
            boolean[] bright = {false};
            boolean[] loud = {false};
            sessions.addFrameSink(frame -> {
                boolean b = (frame.rgb()[0] & 0xff) > 128;
                if (b && !bright[0]) {
                    flashes.add(frame.releasedNanos());
                }
                bright[0] = b;
            });
            sessions.addAudioSink((id, pcm, channels, playNanos) -> {
                int peak = 0;
                for (short s : pcm) {
                    peak = Math.max(peak, Math.abs(s));
                }
                boolean l = peak > 10_000;
                if (l && !loud[0]) {
                    beeps.add(playNanos);
                }
                loud[0] = l;
            });
            JsonNode r = BrowserRun.run(root, api(services), PAGE, line -> { }, "avsync", String.valueOf(seconds));
            System.out.printf(Locale.ROOT, "A/V offset (beep onset − flash onset; + = audio late), a flash+beep every second, %d s%n", seconds);
            row("  at the runtime: pacer release vs encoder (ms)", offsets(toMs(flashes), toMs(beeps)));
            List<Double> pageFlashes = new ArrayList<>();
            List<Double> pageBeeps = new ArrayList<>();
            r.path("flashes").forEach(x -> pageFlashes.add(x.asDouble()));
            r.path("beeps").forEach(x -> pageBeeps.add(x.asDouble()));
            row("  in the page: presented vs heard (ms)", offsets(pageFlashes, pageBeeps));
            List<Double> playoutBeeps = new ArrayList<>();
            r.path("playoutBeeps").forEach(x -> playoutBeeps.add(x.asDouble()));
            row("  in the page: presented vs handed to audio playout (ms)", offsets(pageFlashes, playoutBeeps));
            System.out.println("  receiver stats (means): " + r.path("stats"));
            System.out.printf(Locale.ROOT, "  audio frames played %d, skipped to stay in sync %d%n",
                    sessions.stats().audioFramesPlayed(), sessions.stats().audioFramesSkipped());
        }
    }

    /** Wall-clock ms for nanoTime values, comparable with the page's clock. */
    private static List<Double> toMs(List<Long> nanos) {
        long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        List<Double> ms = new ArrayList<>();
        nanos.forEach(n -> ms.add((n + offset) / 1e6));
        return ms;
    }

    /** Each beep against the nearest flash (flashes are a second apart, so the pairing is unambiguous). */
    private static List<Double> offsets(List<Double> flashes, List<Double> beeps) {
        List<Double> out = new ArrayList<>();
        for (double beep : beeps) {
            double best = Double.NaN;
            for (double flash : flashes) {
                if (Double.isNaN(best) || Math.abs(beep - flash) < Math.abs(best)) {
                    best = beep - flash;
                }
            }
            if (!Double.isNaN(best) && Math.abs(best) < 400) {
                out.add(best);
            }
        }
        return out;
    }

    private static void audioCpu(Path root, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "CPU of this JVM with one viewer, flash-beep model 480x640@30, %d s (%% of one core)%n", seconds);
        double[] cpu = new double[2];
        for (int withAudio = 0; withAudio < 2; withAudio++) {
            Path folder = flashBeepModel(withAudio == 1);
            try (ReactorServices services = start(folder)) {
                CountDownLatch holding = new CountDownLatch(1);
                int index = withAudio;
                Thread measure = new Thread(() -> {
                    try {
                        holding.await();
                        Thread.sleep(2000);
                        long cpu0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        Thread.sleep((seconds - 3) * 1000L);
                        cpu[index] = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-cpu");
                measure.start();
                BrowserRun.run(root, api(services), PAGE, line -> {
                    if (line.startsWith("HOLDING")) {
                        holding.countDown();
                    }
                }, "viewers", "1", String.valueOf(seconds));
                measure.join();
                services.host().sessions().ifPresent(s -> s.stop(EndReason.STOPPED));
            }
        }
        System.out.printf(Locale.ROOT, "  video only %.1f %%, video + audio (48 kHz mono → Opus) %.1f %%: audio path %.1f %%%n",
                cpu[0], cpu[1], cpu[1] - cpu[0]);
    }

    private static ReactorServices start(Path folder) throws Exception {
        ReactorServices services = ReactorServices.start(ServiceOptions.defaults(folder).withBindHost(SERVER)
                .withRuntimePort(0).withHost(HostOptions.defaults()).withMediaPort(0).withCoordinatorPort(0)
                .withSecurity(SecurityOptions.defaults().withOrigins(OriginPolicy.allowing(List.of("http://" + PAGE + ":*")))));
        services.loadModel();
        return services;
    }

    private static String api(ReactorServices services) {
        return "http://" + SERVER + ":" + services.coordinatorUrl().orElseThrow().getPort();
    }

    private static Path copy(Path example) throws IOException {
        Path folder = Files.createTempDirectory(example.getFileName() + "-bench-");
        try (var files = Files.list(example)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder;
    }

    private static Path flashBeepModel(boolean audio) throws IOException {
        Path folder = Files.createTempDirectory("flash-beep-");
        String tracks = audio ? ", \"tracks\": {\"outputs\": [{\"name\": \"main_video\", \"kind\": \"video\"},"
                + " {\"name\": \"main_audio\", \"kind\": \"audio\"}]}" : "";
        Files.writeString(folder.resolve("manifest.json"), "{\"reactor-runtime\": \"0.1.0\", \"class\": \"model_flash:FlashBeep\","
                + " \"model_name\": \"flash-beep\", \"model_version\": \"1.0.0\", \"args\": {\"fps\": 30, \"audio\": " + audio + "}"
                + tracks + "}");
        Files.writeString(folder.resolve("model_flash.java"), """
                import dev.reactorstudio.runtime.api.*;
                import com.fasterxml.jackson.databind.JsonNode;

                /** Once a second a white frame and a loud beep, emitted together; otherwise dark frames and a quiet hum. */
                public class FlashBeep extends VideoModel {
                    private final boolean audio;
                    public FlashBeep(JsonNode args) { audio = args.path("audio").asBoolean(); }
                    @Override public void startSession() {
                        SessionContext ctx = Reactor.ctx();
                        byte[] dark = new byte[480 * 640 * 3];
                        byte[] white = new byte[480 * 640 * 3];
                        java.util.Arrays.fill(dark, (byte) 20);
                        java.util.Arrays.fill(white, (byte) 250);
                        double phase = 0;
                        for (long step = 0; !ctx.shouldStop(); step++) {
                            boolean flash = step % 30 == 0;
                            ctx.emitBlock(flash ? white : dark, 480, 640, 3);
                            if (audio) {
                                short[] pcm = new short[1600];
                                for (int i = 0; i < pcm.length; i++) {
                                    pcm[i] = (short) (Math.sin(phase) * (flash ? 24000 : 600));
                                    phase += 2 * Math.PI * 660 / 48000;
                                }
                                ctx.emitAudio(pcm, 48000, 1);
                            }
                        }
                    }
                }
                """);
        return folder;
    }

    /** 30 fps frames of mid grey, each with its counter in the top-left 256x16 (16 cells, bit 15 first). */
    private static Path y4m(Path file, int width, int height, int frames) throws IOException {
        byte[] y = new byte[width * height];
        byte[] uv = new byte[width * height / 4];
        Arrays.fill(uv, (byte) 128);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < frames; f++) {
                Arrays.fill(y, (byte) 110);
                for (int bit = 0; bit < 16; bit++) {
                    boolean one = ((f >> (15 - bit)) & 1) == 1;
                    for (int row = 0; row < 16; row++) {
                        Arrays.fill(y, row * width + bit * 16, row * width + bit * 16 + 16, (byte) (one ? 235 : 16));
                    }
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(uv);
                out.write(uv);
            }
        }
        return file;
    }

    private static Path wav(Path file) throws IOException {
        int rate = 48_000;
        int samples = rate * 2;
        ByteBuffer data = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 0.5 * 32767));
        }
        Files.write(file, data.array());
        return file;
    }

    private static void row(String label, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-48s no samples%n", label);
            return;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-48s n=%4d  min %6.1f  p50 %6.1f  p95 %6.1f  max %6.1f%n",
                label, v.length, v[0], pct(v, 50), pct(v, 95), v[v.length - 1]);
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private TwoWayMediaBench() {
    }
}
