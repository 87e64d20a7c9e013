package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.coordinator.FakeDevices;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.join.FleetMember;
import dev.reactorstudio.runtime.fleet.join.JoinOptions;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inputs and uploads through a fleet coordinator: the unmodified JS SDK 2.9.0 in production mode,
 * in headless Chromium inside the test namespace, against examples/webcam-mirror joined to a
 * coordinator. The fake camera and microphone are published (the offer the coordinator relays
 * carries their sendonly transceivers) and reach the model; a file uploaded with
 * {@code reactor.uploadFile} is streamed through the coordinator (the presigned URL points at it)
 * and reaches the model byte-identical with {@code set_overlay}; the runtime's upload limit still
 * refuses an oversized one.
 */
@Tag("webrtc")
class FleetInputsBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetInputsBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "fleet-inputs-test-secret-01234";
    private static final int[] COLOUR = {200, 60, 30};
    private static final long LIMIT = 2 * UploadLimits.MIB;
    private static FleetCoordinator coordinator;
    private static FleetMember runtime;
    private static String apiUrl;
    private static Path dir;

    @BeforeAll
    static void startFleet() throws Exception {
        BrowserDriver.requireNamespace();
        dir = Files.createTempDirectory("fleet-inputs-");
        FakeDevices.y4m(dir.resolve("camera.y4m"), 320, 240, 30, COLOUR, false);
        FakeDevices.wav(dir.resolve("tone.wav"), 440, 0.5, 2);
        coordinator = new FleetCoordinator(FleetOptions.defaults(SECRET).withBind(BrowserDriver.SERVER_ADDRESS, 0)
                .withSecurity(SecurityOptions.defaults()
                        .withOrigins(OriginPolicy.allowing(List.of("http://" + BrowserDriver.PAGE_ADDRESS + ":*"))))).start();
        apiUrl = "http://" + BrowserDriver.SERVER_ADDRESS + ":" + coordinator.port();
        JoinOptions join = new JoinOptions(List.of(URI.create(apiUrl)), SECRET, "inputs-rt", BrowserDriver.SERVER_ADDRESS,
                0, null);
        ServiceOptions services = ServiceOptions.defaults(BrowserDriver.repoRoot().resolve("examples/webcam-mirror"))
                .withRuntimePort(0).withHost(HostOptions.defaults().withOrphanTimeout(Duration.ofSeconds(30))
                        .withUploads(UploadLimits.ofMaxFileBytes(LIMIT)));
        runtime = FleetMember.start(services, join);
        runtime.loadAndJoin(join);
    }

    @AfterAll
    static void stopFleet() throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
            if (coordinator != null) {
                coordinator.close();
            }
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** A real PNG of about 700 KB (noise does not compress), so the upload spans many network reads. */
    private static Path noisePng(Path file) throws Exception {
        BufferedImage image = new BufferedImage(480, 480, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(15);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void theWebcamAndAnUploadReachTheModelThroughTheCoordinator() throws Exception {
        Path png = noisePng(dir.resolve("noise photo.png"));
        byte[] bytes = Files.readAllBytes(png);
        String jwt = new FleetTokens(SECRET).mint("inputs-browser", Role.CLIENT, Duration.ofMinutes(10));
        String spec = JSON.writeValueAsString(Map.of("model", "webcam-mirror", "file", png.toString(),
                "name", "noise photo.png", "mime", "image/png", "command", "set_overlay", "param", "image",
                "expect", Map.of("type", "upload_received"), "tooLarge", LIMIT + 1));
        JsonNode r = BrowserDriver.run(apiUrl, line -> LOG.info("{}", line), "--jwt", jwt,
                "--video-file", dir.resolve("camera.y4m").toString(), "--audio-file", dir.resolve("tone.wav").toString(),
                "fleetinputs", spec);
        assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
        System.out.println("fleet inputs result: " + r);

        // A fleet session (the coordinator's id), not a local one.
        String session = r.path("sessionId").asText();
        assertThat(session).matches("[0-9a-f-]{36}");
        // The camera through the relayed offer: the model saw its colour.
        JsonNode mean = r.path("inputStats").path("mean");
        for (int c = 0; c < 3; c++) {
            assertThat(mean.get(c).asDouble()).as("channel %d of what the model saw", c).isCloseTo(COLOUR[c], Offset.offset(16.0));
        }
        assertThat(r.path("inputStats").path("frames").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("audioStats").path("rms").asDouble()).as("tone RMS at the model").isGreaterThan(0.05);

        // The upload through the coordinator: byte-identical at the model.
        JsonNode received = r.path("matched");
        assertThat(received.path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(received.path("size").asLong()).isEqualTo(bytes.length).isGreaterThan(500_000);
        assertThat(received.path("name").asText()).isEqualTo("noise photo.png");
        assertThat(received.path("overlaid").asBoolean()).as("the model decoded the PNG").isTrue();
        // The runtime's limit, relayed: the SDK's error carries the 413 and the flag to raise it.
        assertThat(r.path("tooLargeError").asText()).contains("413").contains("--max-upload-mb");
        assertThat(r.path("errors")).isEmpty();
        // The bytes went through the coordinator (the presigned URL named it), not around it.
        String metrics = new String(java.net.URI.create(apiUrl + "/metrics").toURL().openStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics).contains("reactor_fleet_uploads_total 1.0")
                .contains("reactor_fleet_upload_bytes_total " + (double) bytes.length);
    }
}
