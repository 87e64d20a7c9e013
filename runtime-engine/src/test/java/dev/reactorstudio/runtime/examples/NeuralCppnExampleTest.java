package dev.reactorstudio.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The neural-cppn example under the real runtime: DJL model, shipped weights, frames at 480×640, commands. */
class NeuralCppnExampleTest {
    static final Path NEURAL_CPPN = Path.of("..", "examples", "neural-cppn");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Frame> lastFrame = new AtomicReference<>();
    private static ReactorServices services;

    @BeforeAll
    static void startServices() throws Exception {
        services = ReactorServices.start(ServiceOptions.defaults(NEURAL_CPPN).withRuntimePort(0)
                .withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO)));
        services.loadModel();
        var sessions = services.host().sessions().orElseThrow();
        sessions.addMessageSink((id, message) -> messages.add(message));
        sessions.addFrameSink(lastFrame::set);
    }

    @AfterAll
    static void stopServices() {
        services.close();
    }

    @Test
    void unloadingTheModelStopsItsRenderThreads() throws Exception {
        Set<Thread> before = renderThreads();
        Set<Thread> ours = new HashSet<>();
        ModelHost host = new ModelHost(NEURAL_CPPN, HostOptions.defaults().withOrphanTimeout(Duration.ZERO));
        try (host) {
            host.load();
            SessionManager sessions = host.sessions().orElseThrow();
            AtomicInteger frames = new AtomicInteger();
            sessions.addFrameSink(frame -> frames.incrementAndGet());
            sessions.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> frames.get() >= 3);
            ours.addAll(renderThreads());
            ours.removeAll(before);
            assertThat(ours).as("tile threads of this model while rendering").isNotEmpty();
        }
        // A studio that runs a model again and again must not collect idle threads (and their class loaders).
        await().atMost(Duration.ofSeconds(15)).until(() -> ours.stream().noneMatch(Thread::isAlive));
    }

    private static Set<Thread> renderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("cppn-tiles")).collect(Collectors.toSet());
    }

    @Test
    void streamsEvolvingFramesAt480x640ReportsFpsAndTakesItsCommands() throws Exception {
        assertThat(post("/start_session", "").statusCode()).isEqualTo(200);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lastFrame.get() != null);
            Frame first = lastFrame.get();
            assertThat(first.width()).isEqualTo(640);
            assertThat(first.height()).isEqualTo(480);
            assertThat(distinctValues(first.rgb())).as("a picture, not a flat colour").isGreaterThan(50);
            savePreview(first);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lastFrame.get().sequence() > first.sequence() + 5);
            assertThat(lastFrame.get().rgb()).as("the image evolves").isNotEqualTo(first.rgb());

            await().atMost(Duration.ofSeconds(30)).until(() -> progressReports().size() >= 2);
            List<ObjectNode> reports = progressReports();
            assertThat(reports.get(0).path("fps").asDouble()).as("generation fps").isGreaterThan(0);
            assertThat(reports.get(1).path("tensors").asInt()).as("tensors alive, one second later")
                    .isEqualTo(reports.get(0).path("tensors").asInt());

            for (String command : List.of("{\"name\":\"set_palette\",\"args\":{\"palette\":\"mono\"}}",
                    "{\"name\":\"set_zoom\",\"args\":{\"zoom\":2.5}}", "{\"name\":\"set_speed\",\"args\":{\"speed\":3}}",
                    "{\"name\":\"reseed\",\"args\":{\"seed\":42}}", "{\"name\":\"reseed\",\"args\":{}}")) {
                assertThat(post("/command", command).statusCode()).as(command).isEqualTo(200);
            }
            await().until(() -> messages.stream().anyMatch(m -> m.path("seed").asLong() == 42));
            // Frames rendered before the command are still queued in the pacer: wait them out.
            await("mono palette: R = G = B").atMost(Duration.ofSeconds(30)).until(() -> isGrey(lastFrame.get().rgb()));
            assertThat(post("/command", "{\"name\":\"set_palette\",\"args\":{\"palette\":\"sepia\"}}").statusCode())
                    .isEqualTo(400);
        } finally {
            post("/stop_session", "");
        }
    }

    private static List<ObjectNode> progressReports() {
        return messages.stream().filter(m -> "progress".equals(m.path("type").asText())).toList();
    }

    private static boolean isGrey(byte[] rgb) {
        for (int i = 0; i < rgb.length; i += 3 * 97) {
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2]) {
                return false;
            }
        }
        return true;
    }

    private static long distinctValues(byte[] rgb) {
        boolean[] seen = new boolean[256];
        for (byte b : rgb) {
            seen[b & 0xff] = true;
        }
        int count = 0;
        for (boolean s : seen) {
            count += s ? 1 : 0;
        }
        return count;
    }

    /** Leaves a picture for people to look at; the build does not depend on it. */
    private static void savePreview(Frame frame) throws Exception {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = frame.rgb();
        for (int i = 0, p = 0; p < frame.width() * frame.height(); p++, i += 3) {
            image.setRGB(p % frame.width(), p / frame.width(),
                    ((rgb[i] & 0xff) << 16) | ((rgb[i + 1] & 0xff) << 8) | (rgb[i + 2] & 0xff));
        }
        Files.createDirectories(Path.of("target"));
        ImageIO.write(image, "png", Path.of("target", "neural-cppn-frame.png").toFile());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + services.runtimePort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
